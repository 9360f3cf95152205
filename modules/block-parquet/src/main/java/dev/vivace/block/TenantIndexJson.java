package dev.vivace.block;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Reads and writes the tenant index object {@value TenantIndex#JSON_OBJECT}. */
public final class TenantIndexJson {

  /**
   * Returns {@code index} as gzip-compressed JSON in Tempo's layout: {@code created_at}, {@code
   * meta}, {@code compacted} (each compacted entry has {@code compactedTime} first).
   */
  public static byte[] toGzip(TenantIndex index) {
    requireNonNull(index, "index");
    byte[] json = toJson(index);
    ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 4 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Returns the uncompressed JSON of {@code index}. */
  static byte[] toJson(TenantIndex index) {
    return GoJson.write(
        g -> {
          g.writeStartObject();
          g.writeStringField("created_at", GoTime.format(index.createdAt()));
          g.writeArrayFieldStart("meta");
          for (BlockMeta m : index.metas()) {
            BlockMetaJson.write(g, m, null);
          }
          g.writeEndArray();
          g.writeArrayFieldStart("compacted");
          for (CompactedBlockMeta c : index.compacted()) {
            BlockMetaJson.write(g, c.meta(), c.compactedTime());
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  /**
   * Parses a gzip-compressed tenant index; {@code meta} and {@code compacted} may be {@code null}.
   *
   * @throws IllegalArgumentException if the bytes are not a gzip-compressed tenant index
   */
  public static TenantIndex parseGzip(byte[] gzip) {
    requireNonNull(gzip, "gzip");
    byte[] json;
    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gzip))) {
      json = in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalArgumentException("tenant index is not valid gzip: " + e.getMessage(), e);
    }
    return parse(json);
  }

  static TenantIndex parse(byte[] json) {
    JsonNode root = GoJson.read(json);
    if (!root.isObject()) {
      throw new IllegalArgumentException("tenant index: expected a JSON object");
    }
    List<BlockMeta> metas = new ArrayList<>();
    for (JsonNode m : array(root, "meta")) {
      metas.add(BlockMetaJson.fromNode(m));
    }
    List<CompactedBlockMeta> compacted = new ArrayList<>();
    for (JsonNode c : array(root, "compacted")) {
      compacted.add(
          new CompactedBlockMeta(
              BlockMetaJson.fromNode(c), BlockMetaJson.time(c, "compactedTime")));
    }
    return new TenantIndex(BlockMetaJson.time(root, "created_at"), metas, compacted);
  }

  private static Iterable<JsonNode> array(JsonNode root, String key) {
    JsonNode a = root.get(key);
    if (a == null || a.isNull()) {
      return List.of();
    }
    if (!a.isArray()) {
      throw new IllegalArgumentException(key + ": expected an array");
    }
    return a;
  }

  private TenantIndexJson() {}
}
