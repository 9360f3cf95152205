package dev.vivace.ingest.otlp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.CodedOutputStream;
import java.io.IOException;

/**
 * A {@code google.rpc.Status} (code = 1, message = 2), the error body of OTLP/HTTP, encoded as
 * protobuf or JSON like the request was.
 */
final class RpcStatus {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  static byte[] toProtobuf(RpcCode code, String message) {
    int size =
        CodedOutputStream.computeInt32Size(1, code.value())
            + CodedOutputStream.computeStringSize(2, message);
    byte[] out = new byte[size];
    CodedOutputStream cos = CodedOutputStream.newInstance(out);
    try {
      cos.writeInt32(1, code.value());
      cos.writeString(2, message);
      cos.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  static String toJson(RpcCode code, String message) {
    ObjectNode node = MAPPER.createObjectNode().put("code", code.value()).put("message", message);
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private RpcStatus() {}
}
