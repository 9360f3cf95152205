package dev.vivace.wal;

import static dev.vivace.wal.WriteAheadLogTest.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordCodecTest {

  @TempDir Path dir;

  static byte[] payloadOf(ByteBuffer record) {
    byte[] payload = new byte[record.getInt(0)];
    record.duplicate().position(RecordCodec.HEADER_BYTES).get(payload);
    return payload;
  }

  @Test
  void aRecordIsLengthChecksumTypeAndPayload() throws Exception {
    List<ResourceSpans> batches = new ArrayList<>(batch(1));
    batches.addAll(batch(2));
    String tenant = "tenant-ü";

    ByteBuffer record = RecordCodec.encode(tenant, batches);

    byte[] payload = payloadOf(record);
    assertThat(record.remaining()).isEqualTo(RecordCodec.HEADER_BYTES + payload.length);
    assertThat(record.get(8)).isEqualTo(RecordCodec.TYPE_SPANS);
    assertThat(RecordCodec.checksumMatches(RecordCodec.TYPE_SPANS, payload, record.getInt(4)))
        .isTrue();
    int tenantBytes = tenant.getBytes(StandardCharsets.UTF_8).length;
    assertThat(((payload[0] & 0xff) << 8) | (payload[1] & 0xff)).isEqualTo(tenantBytes);

    RecordCodec.Spans decoded = RecordCodec.decodeSpans(payload);
    assertThat(decoded.tenant()).isEqualTo(tenant);
    assertThat(decoded.batches()).isEqualTo(batches);
  }

  @Test
  void theChecksumCoversTheTypeAndEveryPayloadByte() {
    ByteBuffer record = RecordCodec.encode("t", batch(1));
    byte[] payload = payloadOf(record);
    int crc = record.getInt(4);

    assertThat(RecordCodec.checksumMatches((byte) 2, payload, crc)).isFalse();
    for (int i = 0; i < payload.length; i++) {
      byte[] damaged = payload.clone();
      damaged[i] ^= 0x01;
      assertThat(RecordCodec.checksumMatches(RecordCodec.TYPE_SPANS, damaged, crc))
          .as("byte %d flipped", i)
          .isFalse();
    }
  }

  @Test
  void anEmptyTenantAndNoBatchesRoundTrip() throws Exception {
    RecordCodec.Spans decoded =
        RecordCodec.decodeSpans(payloadOf(RecordCodec.encode("", List.of())));

    assertThat(decoded.tenant()).isEmpty();
    assertThat(decoded.batches()).isEmpty();
  }

  @Test
  void payloadsThatCannotBeSpansAreRefusedWithAReason() {
    assertThatThrownBy(() -> RecordCodec.decodeSpans(new byte[] {0}))
        .isInstanceOf(InvalidProtocolBufferException.class)
        .hasMessage("record too short");
    assertThatThrownBy(() -> RecordCodec.decodeSpans(new byte[] {0, 5, 't'}))
        .isInstanceOf(InvalidProtocolBufferException.class)
        .hasMessage("tenant longer than record");
  }

  @Test
  void aTenantTooLongForItsLengthFieldIsRefusedAndNothingIsWritten() {
    String tenant = "t".repeat(65_536);
    WriteAheadLog log = WriteAheadLog.builder(dir).build();

    assertThatThrownBy(() -> log.append(tenant, batch(1)).get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tenant: 65536 bytes (expected: <= 65535)");
    // The longest tenant that fits is written and read back whole.
    String longest = "t".repeat(65_535);
    log.append(longest, batch(2)).join();
    log.close();

    List<String> tenants = new ArrayList<>();
    WriteAheadLog.builder(dir).build().replay((pos, t, b) -> tenants.add(t));
    assertThat(tenants).containsExactly(longest);
  }

  @Test
  void aRecordLargerThanReplayAcceptsIsRefusedAtAppend() {
    // One MiB shared by 257 spans: the encoded request passes 256 MiB, the heap holds one MiB.
    ByteString mib = ByteString.copyFrom(new byte[1 << 20]);
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (int i = 0; i < 257; i++) {
      scope.addSpans(
          Span.newBuilder()
              .addAttributes(
                  KeyValue.newBuilder()
                      .setKey("blob")
                      .setValue(AnyValue.newBuilder().setBytesValue(mib))));
    }
    List<ResourceSpans> huge = List.of(ResourceSpans.newBuilder().addScopeSpans(scope).build());
    WriteAheadLog log = WriteAheadLog.builder(dir).build();

    assertThatThrownBy(() -> log.append("t", huge).get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("record payload: ")
        .hasMessageEndingWith(" bytes (expected: <= " + RecordCodec.MAX_PAYLOAD_BYTES + ")");
    assertThat(log.appendedBytes()).isZero();
    log.close();
  }
}
