package dev.vivace.ingest.otlp;

import com.linecorp.armeria.common.HttpStatus;

/** The gRPC status codes ingest answers with, and the HTTP status OTLP/HTTP maps each to. */
enum RpcCode {
  OK(0, HttpStatus.OK),
  INVALID_ARGUMENT(3, HttpStatus.BAD_REQUEST),
  RESOURCE_EXHAUSTED(8, HttpStatus.TOO_MANY_REQUESTS),
  UNIMPLEMENTED(12, HttpStatus.NOT_FOUND),
  INTERNAL(13, HttpStatus.INTERNAL_SERVER_ERROR),
  UNAVAILABLE(14, HttpStatus.SERVICE_UNAVAILABLE),
  UNAUTHENTICATED(16, HttpStatus.UNAUTHORIZED);

  private final int value;
  private final int httpStatus;

  RpcCode(int value, HttpStatus httpStatus) {
    this.value = value;
    this.httpStatus = httpStatus.code();
  }

  int value() {
    return value;
  }

  HttpStatus httpStatus() {
    return HttpStatus.valueOf(httpStatus);
  }
}
