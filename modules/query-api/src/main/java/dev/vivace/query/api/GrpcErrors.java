package dev.vivace.query.api;

import com.linecorp.armeria.common.grpc.protocol.ArmeriaStatusException;
import com.linecorp.armeria.common.util.Exceptions;
import dev.vivace.storage.CapacityException;
import dev.vivace.tenant.MissingTenantException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gRPC status of a failed streaming call, as Tempo answers: a bad request (invalid TraceQL,
 * parameters out of range) is INVALID_ARGUMENT, a missing tenant UNKNOWN {@code no org id}, a full
 * search queue or storage over capacity RESOURCE_EXHAUSTED, anything else INTERNAL.
 */
final class GrpcErrors {

  private static final Logger logger = LoggerFactory.getLogger(GrpcErrors.class);

  /** Returns the status that {@code failure} ends a call of {@code method} with. */
  static ArmeriaStatusException toStatus(String method, Throwable failure) {
    Throwable cause = Exceptions.peel(failure);
    if (cause instanceof ArmeriaStatusException status) {
      return status;
    }
    if (cause instanceof MissingTenantException) {
      // dskit's gRPC tenant check returns a plain error, which gRPC sends as UNKNOWN.
      return new ArmeriaStatusException(GrpcCode.UNKNOWN, "no org id");
    }
    if (cause instanceof IllegalArgumentException
        || cause instanceof UnsupportedOperationException) {
      // Parse errors, unsupported TraceQL constructs and parameters out of range: Tempo's 400.
      return new ArmeriaStatusException(
          GrpcCode.INVALID_ARGUMENT, String.valueOf(cause.getMessage()));
    }
    if (cause instanceof RejectedExecutionException) {
      // The search queue is full: Tempo's 429 "job queue full".
      return new ArmeriaStatusException(GrpcCode.RESOURCE_EXHAUSTED, "job queue full");
    }
    if (cause instanceof CapacityException) {
      return new ArmeriaStatusException(
          GrpcCode.RESOURCE_EXHAUSTED, "storage is over capacity, retry later");
    }
    if (cause instanceof CancellationException) {
      return new ArmeriaStatusException(GrpcCode.CANCELLED, "the search was cancelled");
    }
    if (cause instanceof Error error && !(cause instanceof AssertionError)) {
      throw error;
    }
    logger.warn("StreamingQuerier/{} failed", method, cause);
    return new ArmeriaStatusException(
        GrpcCode.INTERNAL, "internal error: " + cause.getClass().getSimpleName());
  }

  private GrpcErrors() {}
}
