package dev.vivace.ingest.otlp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.CodedOutputStream;
import java.io.IOException;
import java.time.Duration;

/**
 * A {@code google.rpc.Status} (code = 1, message = 2), the error body of OTLP/HTTP, encoded as
 * protobuf or JSON like the request was.
 */
final class RpcStatus {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  static final String RETRY_INFO_TYPE = "type.googleapis.com/google.rpc.RetryInfo";

  static byte[] toProtobuf(RpcCode code, String message) {
    return toProtobuf(code, message, Duration.ZERO);
  }

  /**
   * Encodes the status; a positive {@code retryAfter} adds a {@code google.rpc.RetryInfo} detail,
   * which OTLP exporters honour.
   */
  static byte[] toProtobuf(RpcCode code, String message, Duration retryAfter) {
    byte[] detail = retryAfter.isZero() ? null : retryInfoAny(retryAfter);
    int size =
        CodedOutputStream.computeInt32Size(1, code.value())
            + CodedOutputStream.computeStringSize(2, message)
            + (detail == null ? 0 : CodedOutputStream.computeByteArraySize(3, detail));
    byte[] out = new byte[size];
    CodedOutputStream cos = CodedOutputStream.newInstance(out);
    try {
      cos.writeInt32(1, code.value());
      cos.writeString(2, message);
      if (detail != null) {
        cos.writeByteArray(3, detail);
      }
      cos.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  /** {@code Any{type_url, value: RetryInfo{retry_delay: Duration{seconds, nanos}}}}. */
  private static byte[] retryInfoAny(Duration delay) {
    try {
      java.io.ByteArrayOutputStream duration = new java.io.ByteArrayOutputStream();
      CodedOutputStream d = CodedOutputStream.newInstance(duration);
      d.writeInt64(1, delay.toSeconds());
      if (delay.toNanosPart() != 0) {
        d.writeInt32(2, delay.toNanosPart());
      }
      d.flush();
      java.io.ByteArrayOutputStream retryInfo = new java.io.ByteArrayOutputStream();
      CodedOutputStream r = CodedOutputStream.newInstance(retryInfo);
      r.writeByteArray(1, duration.toByteArray());
      r.flush();
      java.io.ByteArrayOutputStream any = new java.io.ByteArrayOutputStream();
      CodedOutputStream a = CodedOutputStream.newInstance(any);
      a.writeString(1, RETRY_INFO_TYPE);
      a.writeByteArray(2, retryInfo.toByteArray());
      a.flush();
      return any.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static String toJson(RpcCode code, String message) {
    return toJson(code, message, Duration.ZERO);
  }

  static String toJson(RpcCode code, String message, Duration retryAfter) {
    ObjectNode node = MAPPER.createObjectNode().put("code", code.value()).put("message", message);
    if (!retryAfter.isZero()) {
      node.putArray("details")
          .addObject()
          .put("@type", RETRY_INFO_TYPE)
          .put("retryDelay", retryAfter.toSeconds() + "s");
    }
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private RpcStatus() {}
}
