package dev.vivace.block;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes {@code meta.json} and {@code meta.compacted.json} byte-for-byte as Tempo does:
 * keys in Tempo's order, {@code size}, {@code dedicatedColumns} and {@code replicationFactor}
 * omitted when zero or empty. Reading ignores unknown keys (such as the legacy {@code minID} and
 * {@code maxID}) and reads missing keys as zero or empty.
 */
public final class BlockMetaJson {

  /** The object name of a live block's meta. */
  public static final String META_OBJECT = "meta.json";

  /** The object name of a compacted block's meta. */
  public static final String COMPACTED_META_OBJECT = "meta.compacted.json";

  /** Returns {@code meta} as Tempo's JSON. */
  public static byte[] toJson(BlockMeta meta) {
    requireNonNull(meta, "meta");
    return GoJson.write(g -> write(g, meta, null));
  }

  /** Returns {@code compacted} as Tempo's JSON, {@code compactedTime} first. */
  public static byte[] toJson(CompactedBlockMeta compacted) {
    requireNonNull(compacted, "compacted");
    return GoJson.write(g -> write(g, compacted.meta(), compacted.compactedTime()));
  }

  /**
   * Parses a {@code meta.json}.
   *
   * @throws IllegalArgumentException naming the first invalid field
   */
  public static BlockMeta parse(byte[] json) {
    requireNonNull(json, "json");
    return fromNode(GoJson.read(json));
  }

  /**
   * Parses a {@code meta.compacted.json}; {@code compactedTime} is the JSON value if present, else
   * Go's zero time (callers usually replace it by the object's modification time).
   */
  public static CompactedBlockMeta parseCompacted(byte[] json) {
    requireNonNull(json, "json");
    JsonNode node = GoJson.read(json);
    return new CompactedBlockMeta(fromNode(node), time(node, "compactedTime"));
  }

  static void write(JsonGenerator g, BlockMeta m, @Nullable Instant compactedTime)
      throws IOException {
    g.writeStartObject();
    if (compactedTime != null) {
      g.writeStringField("compactedTime", GoTime.format(compactedTime));
    }
    g.writeStringField("format", m.version());
    g.writeStringField("blockID", m.blockId().toString());
    g.writeStringField("tenantID", m.tenantId());
    g.writeStringField("startTime", GoTime.format(m.startTime()));
    g.writeStringField("endTime", GoTime.format(m.endTime()));
    g.writeNumberField("totalObjects", m.totalObjects());
    if (m.size() != 0) {
      g.writeNumberField("size", m.size());
    }
    g.writeNumberField("compactionLevel", m.compactionLevel());
    g.writeStringField("encoding", m.encoding().jsonName());
    g.writeNumberField("indexPageSize", m.indexPageSize());
    g.writeNumberField("totalRecords", m.totalRecords());
    g.writeStringField("dataEncoding", m.dataEncoding());
    g.writeNumberField("bloomShards", m.bloomShards());
    g.writeNumberField("footerSize", m.footerSize());
    if (!m.dedicatedColumns().isEmpty()) {
      g.writeFieldName("dedicatedColumns");
      writeDedicatedColumns(g, m.dedicatedColumns());
    }
    if (m.replicationFactor() != 0) {
      g.writeNumberField("replicationFactor", m.replicationFactor());
    }
    g.writeEndObject();
  }

  /** Returns the JSON array Tempo stores for {@code columns}, also used inside the protobuf. */
  static byte[] dedicatedColumnsJson(List<DedicatedColumn> columns) {
    return GoJson.write(g -> writeDedicatedColumns(g, columns));
  }

  private static void writeDedicatedColumns(JsonGenerator g, List<DedicatedColumn> columns)
      throws IOException {
    g.writeStartArray();
    for (DedicatedColumn c : columns) {
      g.writeStartObject();
      if (!c.scope().equals(DedicatedColumn.DEFAULT_SCOPE)) {
        g.writeStringField("s", c.scope());
      }
      g.writeStringField("n", c.name());
      if (!c.type().equals(DedicatedColumn.DEFAULT_TYPE)) {
        g.writeStringField("t", c.type());
      }
      if (!c.options().isEmpty()) {
        g.writeArrayFieldStart("o");
        for (String o : c.options()) {
          g.writeString(o);
        }
        g.writeEndArray();
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  static BlockMeta fromNode(JsonNode n) {
    if (!n.isObject()) {
      throw new IllegalArgumentException(
          "block meta: expected a JSON object, got " + n.getNodeType());
    }
    return new BlockMeta(
        string(n, "format"),
        uuid(n, "blockID"),
        string(n, "tenantID"),
        time(n, "startTime"),
        time(n, "endTime"),
        integer(n, "totalObjects", Long.MIN_VALUE, Long.MAX_VALUE),
        integer(n, "size", 0, Long.MAX_VALUE),
        (int) integer(n, "compactionLevel", 0, Integer.MAX_VALUE),
        n.hasNonNull("encoding")
            ? BlockEncoding.ofJsonName(string(n, "encoding"))
            : BlockEncoding.NONE,
        (int) integer(n, "indexPageSize", 0, Integer.MAX_VALUE),
        (int) integer(n, "totalRecords", 0, Integer.MAX_VALUE),
        string(n, "dataEncoding"),
        (int) integer(n, "bloomShards", 0, Integer.MAX_VALUE),
        (int) integer(n, "footerSize", 0, Integer.MAX_VALUE),
        dedicatedColumns(n.get("dedicatedColumns")),
        (int) integer(n, "replicationFactor", 0, Integer.MAX_VALUE));
  }

  static List<DedicatedColumn> dedicatedColumns(@Nullable JsonNode array) {
    if (array == null || array.isNull()) {
      return List.of();
    }
    if (!array.isArray()) {
      throw new IllegalArgumentException("dedicatedColumns: expected an array");
    }
    List<DedicatedColumn> out = new ArrayList<>();
    for (JsonNode c : array) {
      List<String> options = new ArrayList<>();
      JsonNode o = c.get("o");
      if (o != null && o.isArray()) {
        o.forEach(x -> options.add(x.asText()));
      }
      String scope = c.hasNonNull("s") ? string(c, "s") : DedicatedColumn.DEFAULT_SCOPE;
      String type = c.hasNonNull("t") ? string(c, "t") : DedicatedColumn.DEFAULT_TYPE;
      out.add(new DedicatedColumn(scope, string(c, "n"), type, options));
    }
    return out;
  }

  static String string(JsonNode n, String key) {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) {
      return "";
    }
    if (!v.isTextual()) {
      throw new IllegalArgumentException(key + ": " + v + " (expected: a string)");
    }
    return v.textValue();
  }

  static Instant time(JsonNode n, String key) {
    JsonNode v = n.get(key);
    return v == null || v.isNull() ? BlockMeta.ZERO_TIME : GoTime.parse(string(n, key));
  }

  static long integer(JsonNode n, String key, long min, long max) {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) {
      return 0;
    }
    if (!v.isIntegralNumber()
        || !v.canConvertToLong()
        || v.longValue() < min
        || v.longValue() > max) {
      throw new IllegalArgumentException(
          key + ": " + v + " (expected: an integer in " + min + ".." + max + ")");
    }
    return v.longValue();
  }

  private static UUID uuid(JsonNode n, String key) {
    String s = string(n, key);
    if (s.length() != 36) {
      throw new IllegalArgumentException(key + ": " + s + " (expected: a UUID)");
    }
    try {
      return UUID.fromString(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + ": " + s + " (expected: a UUID)", e);
    }
  }

  private BlockMetaJson() {}
}
