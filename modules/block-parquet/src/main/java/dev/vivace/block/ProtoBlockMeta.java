package dev.vivace.block;

import com.google.protobuf.CodedInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Accumulates the fields of one protobuf {@code BlockMeta} while decoding. */
final class ProtoBlockMeta {

  private String version = "";
  private UUID blockId = new UUID(0, 0);
  private String tenantId = "";
  private Instant startTime = BlockMeta.ZERO_TIME;
  private Instant endTime = BlockMeta.ZERO_TIME;
  private long totalObjects;
  private long size;
  private long compactionLevel;
  private BlockEncoding encoding = BlockEncoding.NONE;
  private long indexPageSize;
  private long totalRecords;
  private String dataEncoding = "";
  private long bloomShards;
  private long footerSize;
  private List<DedicatedColumn> dedicatedColumns = List.of();
  private long replicationFactor;

  void read(int field, int tag, CodedInputStream in) throws IOException {
    switch (field) {
      case 1 -> version = in.readString();
      case 2 -> blockId = uuid(in.readByteArray());
      case 5 -> tenantId = in.readString();
      case 6 -> startTime = TenantIndexProto.timestamp(in.readByteArray());
      case 7 -> endTime = TenantIndexProto.timestamp(in.readByteArray());
      case 8 -> totalObjects = in.readInt64();
      case 9 -> size = in.readUInt64();
      case 10 -> compactionLevel = in.readUInt32() & 0xffffffffL;
      case 11 -> encoding = encoding(in.readByteArray());
      case 12 -> indexPageSize = in.readUInt32() & 0xffffffffL;
      case 13 -> totalRecords = in.readUInt32() & 0xffffffffL;
      case 14 -> dataEncoding = in.readString();
      case 15 -> bloomShards = in.readUInt32() & 0xffffffffL;
      case 16 -> footerSize = in.readUInt32() & 0xffffffffL;
      case 17 -> dedicatedColumns = dedicatedColumns(in.readByteArray());
      case 18 -> replicationFactor = in.readUInt32() & 0xffffffffL;
      default -> in.skipField(tag);
    }
  }

  BlockMeta toMeta() {
    return new BlockMeta(
        version,
        blockId,
        tenantId,
        startTime,
        endTime,
        totalObjects,
        size,
        toInt("compaction_level", compactionLevel),
        encoding,
        toInt("index_page_size", indexPageSize),
        toInt("total_records", totalRecords),
        dataEncoding,
        toInt("bloom_shard_count", bloomShards),
        toInt("footer_size", footerSize),
        dedicatedColumns,
        toInt("replication_factor", replicationFactor));
  }

  private static int toInt(String name, long v) {
    if (v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          name + ": " + v + " (expected: <= " + Integer.MAX_VALUE + ")");
    }
    return (int) v;
  }

  private static UUID uuid(byte[] b) {
    if (b.length != 16) {
      throw new IllegalArgumentException("block_id: " + b.length + " bytes (expected: 16)");
    }
    ByteBuffer buf = ByteBuffer.wrap(b);
    return new UUID(buf.getLong(), buf.getLong());
  }

  private static BlockEncoding encoding(byte[] b) {
    if (b.length != 1) {
      throw new IllegalArgumentException("encoding: " + b.length + " bytes (expected: 1)");
    }
    return BlockEncoding.ofNumber(b[0] & 0xff);
  }

  private static List<DedicatedColumn> dedicatedColumns(byte[] json) {
    return json.length == 0 ? List.of() : BlockMetaJson.dedicatedColumns(GoJson.read(json));
  }
}
