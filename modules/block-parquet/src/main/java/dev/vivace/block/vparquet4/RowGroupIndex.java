package dev.vivace.block.vparquet4;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The block's {@code index} object: the last (largest) trace ID of each row group, as JSON {@code
 * {"rowGroups":["<base64>",…]}}.
 */
final class RowGroupIndex {

  static final String OBJECT_NAME = "index";

  private static final Pattern DOCUMENT =
      Pattern.compile(
          "\\s*\\{\\s*\"rowGroups\"\\s*:\\s*(null|\\[(.*)\\])\\s*\\}\\s*", Pattern.DOTALL);
  private static final Pattern ENTRY = Pattern.compile("\\s*\"([A-Za-z0-9+/=]*)\"\\s*");

  private final List<byte[]> lastIds;

  RowGroupIndex(List<byte[]> lastIds) {
    requireNonNull(lastIds, "lastIds");
    this.lastIds = new ArrayList<>(lastIds.size());
    for (byte[] id : lastIds) {
      this.lastIds.add(id.clone());
    }
  }

  int rowGroupCount() {
    return lastIds.size();
  }

  /**
   * Returns the only row group that may hold {@code traceId}: the first whose last ID is not
   * smaller; -1 if {@code traceId} is beyond the last one.
   */
  int rowGroupFor(byte[] traceId) {
    int lo = 0;
    int hi = lastIds.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (Arrays.compareUnsigned(traceId, lastIds.get(mid)) <= 0) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo == lastIds.size() ? -1 : lo;
  }

  byte[] toJson() {
    if (lastIds.isEmpty()) {
      return "{\"rowGroups\":null}".getBytes(UTF_8);
    }
    StringBuilder s = new StringBuilder("{\"rowGroups\":[");
    for (int i = 0; i < lastIds.size(); i++) {
      if (i > 0) {
        s.append(',');
      }
      s.append('"').append(Base64.getEncoder().encodeToString(lastIds.get(i))).append('"');
    }
    return s.append("]}").toString().getBytes(UTF_8);
  }

  /**
   * Parses the object.
   *
   * @throws IllegalArgumentException if it is not a row-group index
   */
  static RowGroupIndex parse(byte[] json) {
    Matcher m = DOCUMENT.matcher(new String(json, UTF_8));
    if (!m.matches()) {
      throw new IllegalArgumentException("not a row-group index: expected {\"rowGroups\":[…]}");
    }
    List<byte[]> ids = new ArrayList<>();
    String entries = m.group(2);
    if (entries != null && !entries.isBlank()) {
      for (String e : entries.split(",", -1)) {
        Matcher em = ENTRY.matcher(e);
        if (!em.matches()) {
          throw new IllegalArgumentException(
              "row-group index entry: " + e.strip() + " (expected: a base64 string)");
        }
        byte[] id = Base64.getDecoder().decode(em.group(1));
        ids.add(id);
      }
    }
    return new RowGroupIndex(ids);
  }
}
