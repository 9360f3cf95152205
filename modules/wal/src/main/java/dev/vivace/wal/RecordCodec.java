package dev.vivace.wal;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.TracesData;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The on-disk record: {@code length u32 | crc32c u32 | type u8 | payload}, big-endian, where the
 * checksum covers type and payload and {@code length} counts the payload. A spans record's payload
 * is {@code tenantLength u16 | tenant UTF-8 | TracesData}.
 */
final class RecordCodec {

  static final int HEADER_BYTES = 9;
  static final byte TYPE_SPANS = 1;

  /** Larger records are taken for corruption: no request is this large. */
  static final int MAX_PAYLOAD_BYTES = 256 * 1024 * 1024;

  /** The longest tenant, in UTF-8 bytes, the record's {@code u16} length field can hold. */
  static final int MAX_TENANT_BYTES = 0xffff;

  /**
   * Encodes a spans record.
   *
   * @throws IllegalArgumentException when the tenant or the record is too large to be read back
   */
  static ByteBuffer encode(String tenant, List<ResourceSpans> batches) {
    byte[] tenantBytes = tenant.getBytes(StandardCharsets.UTF_8);
    if (tenantBytes.length > MAX_TENANT_BYTES) {
      throw new IllegalArgumentException(
          "tenant: " + tenantBytes.length + " bytes (expected: <= " + MAX_TENANT_BYTES + ")");
    }
    TracesData data = TracesData.newBuilder().addAllResourceSpans(batches).build();
    long size = 2L + tenantBytes.length + data.getSerializedSize();
    if (size > MAX_PAYLOAD_BYTES) {
      // Replay would take such a record for corruption: refuse it before it is acknowledged.
      throw new IllegalArgumentException(
          "record payload: " + size + " bytes (expected: <= " + MAX_PAYLOAD_BYTES + ")");
    }
    int payload = (int) size;
    ByteBuffer buf = ByteBuffer.allocate(HEADER_BYTES + payload);
    buf.position(HEADER_BYTES);
    buf.putShort((short) tenantBytes.length).put(tenantBytes);
    buf.put(data.toByteArray());
    CRC32C crc = new CRC32C();
    crc.update(TYPE_SPANS);
    crc.update(buf.array(), HEADER_BYTES, payload);
    buf.putInt(0, payload).putInt(4, (int) crc.getValue()).put(8, TYPE_SPANS);
    buf.rewind();
    return buf;
  }

  static boolean checksumMatches(byte type, byte[] payload, int storedCrc) {
    CRC32C crc = new CRC32C();
    crc.update(type);
    crc.update(payload);
    return (int) crc.getValue() == storedCrc;
  }

  /** A decoded spans record. */
  record Spans(String tenant, List<ResourceSpans> batches) {}

  static Spans decodeSpans(byte[] payload) throws InvalidProtocolBufferException {
    if (payload.length < 2) {
      throw new InvalidProtocolBufferException("record too short");
    }
    int tenantLength = ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
    if (2 + tenantLength > payload.length) {
      throw new InvalidProtocolBufferException("tenant longer than record");
    }
    String tenant = new String(payload, 2, tenantLength, StandardCharsets.UTF_8);
    TracesData data =
        TracesData.parseFrom(
            ByteBuffer.wrap(payload, 2 + tenantLength, payload.length - 2 - tenantLength));
    return new Spans(tenant, data.getResourceSpansList());
  }

  private RecordCodec() {}
}
