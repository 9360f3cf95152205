package dev.vivace.block;

import static java.util.Objects.requireNonNull;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStream;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads and writes the tenant index object {@value TenantIndex#PROTO_OBJECT}: a zstd frame holding
 * Tempo's {@code TenantIndex} protobuf, decoded by hand with the field numbers of the spec (§3.2).
 */
public final class TenantIndexProto {

  /**
   * Parses a zstd-compressed protobuf tenant index.
   *
   * @throws IllegalArgumentException if the bytes are not one
   */
  public static TenantIndex parseZstd(byte[] zstd) {
    requireNonNull(zstd, "zstd");
    byte[] proto;
    try (InputStream in = new ZstdInputStream(new ByteArrayInputStream(zstd))) {
      proto = in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalArgumentException("tenant index is not valid zstd: " + e.getMessage(), e);
    }
    return parse(proto);
  }

  /** Returns {@code index} as a zstd-compressed protobuf, fields laid out as Tempo writes them. */
  public static byte[] toZstd(TenantIndex index) {
    requireNonNull(index, "index");
    return Zstd.compress(toProto(index), 3);
  }

  static TenantIndex parse(byte[] proto) {
    try {
      CodedInputStream in = CodedInputStream.newInstance(proto);
      Instant createdAt = BlockMeta.ZERO_TIME;
      List<BlockMeta> metas = new ArrayList<>();
      List<CompactedBlockMeta> compacted = new ArrayList<>();
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        switch (tag) {
          case (1 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED ->
              createdAt = timestamp(in.readByteArray());
          case (2 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED ->
              metas.add(blockMeta(in.readByteArray()));
          case (3 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED ->
              compacted.add(compactedMeta(in.readByteArray()));
          default -> in.skipField(tag);
        }
      }
      return new TenantIndex(createdAt, metas, compacted);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "tenant index is not a valid protobuf: " + e.getMessage(), e);
    }
  }

  private static CompactedBlockMeta compactedMeta(byte[] bytes) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(bytes);
    BlockMeta meta = null;
    Instant compactedTime = BlockMeta.ZERO_TIME;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (tag == ((1 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
        meta = blockMeta(in.readByteArray());
      } else if (tag == ((2 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
        compactedTime = timestamp(in.readByteArray());
      } else {
        in.skipField(tag);
      }
    }
    if (meta == null) {
      throw new IllegalArgumentException("compacted block meta without block_meta");
    }
    return new CompactedBlockMeta(meta, compactedTime);
  }

  private static BlockMeta blockMeta(byte[] bytes) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(bytes);
    ProtoBlockMeta m = new ProtoBlockMeta();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      m.read(WireFormat.getTagFieldNumber(tag), tag, in);
    }
    return m.toMeta();
  }

  static Instant timestamp(byte[] bytes) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(bytes);
    long seconds = 0;
    int nanos = 0;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (tag == ((1 << 3) | WireFormat.WIRETYPE_VARINT)) {
        seconds = in.readInt64();
      } else if (tag == ((2 << 3) | WireFormat.WIRETYPE_VARINT)) {
        nanos = in.readInt32();
      } else {
        in.skipField(tag);
      }
    }
    return Instant.ofEpochSecond(seconds, nanos);
  }

  static byte[] toProto(TenantIndex index) {
    return message(
        out -> {
          out.writeByteArray(1, timestampBytes(index.createdAt()));
          for (BlockMeta m : index.metas()) {
            out.writeByteArray(2, blockMetaBytes(m));
          }
          for (CompactedBlockMeta c : index.compacted()) {
            byte[] meta = blockMetaBytes(c.meta());
            byte[] time = timestampBytes(c.compactedTime());
            out.writeByteArray(
                3,
                message(
                    o -> {
                      o.writeByteArray(1, meta);
                      o.writeByteArray(2, time);
                    }));
          }
        });
  }

  static byte[] blockMetaBytes(BlockMeta m) {
    return message(
        out -> {
          if (!m.version().isEmpty()) {
            out.writeString(1, m.version());
          }
          out.writeByteArray(2, uuidBytes(m.blockId()));
          if (!m.tenantId().isEmpty()) {
            out.writeString(5, m.tenantId());
          }
          out.writeByteArray(6, timestampBytes(m.startTime()));
          out.writeByteArray(7, timestampBytes(m.endTime()));
          writeNonZero(out, 8, m.totalObjects());
          writeNonZero(out, 9, m.size());
          writeNonZero(out, 10, m.compactionLevel());
          out.writeByteArray(11, new byte[] {(byte) m.encoding().number()});
          writeNonZero(out, 12, m.indexPageSize());
          writeNonZero(out, 13, m.totalRecords());
          if (!m.dataEncoding().isEmpty()) {
            out.writeString(14, m.dataEncoding());
          }
          writeNonZero(out, 15, m.bloomShards());
          writeNonZero(out, 16, m.footerSize());
          out.writeByteArray(
              17,
              m.dedicatedColumns().isEmpty()
                  ? new byte[0]
                  : BlockMetaJson.dedicatedColumnsJson(m.dedicatedColumns()));
          writeNonZero(out, 18, m.replicationFactor());
        });
  }

  private static void writeNonZero(CodedOutputStream out, int field, long value)
      throws IOException {
    if (value != 0) {
      out.writeUInt64(field, value);
    }
  }

  private static byte[] timestampBytes(Instant t) {
    return message(
        out -> {
          if (t.getEpochSecond() != 0) {
            out.writeInt64(1, t.getEpochSecond());
          }
          int nanos = t.get(ChronoField.NANO_OF_SECOND);
          if (nanos != 0) {
            out.writeInt32(2, nanos);
          }
        });
  }

  static byte[] uuidBytes(UUID id) {
    return ByteBuffer.allocate(16)
        .putLong(id.getMostSignificantBits())
        .putLong(id.getLeastSignificantBits())
        .array();
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  /** Writes the fields of one message. */
  interface Fields {
    void writeTo(CodedOutputStream out) throws IOException;
  }

  static byte[] message(Fields fields) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    try {
      fields.writeTo(out);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private TenantIndexProto() {}
}
