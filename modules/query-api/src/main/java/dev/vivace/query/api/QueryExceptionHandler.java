package dev.vivace.query.api;

import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.annotation.ExceptionHandlerFunction;
import dev.vivace.tenant.MissingTenantException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one exception handler of the query API. Errors are plain text, as Tempo's: 400 for bad
 * parameters, 401 without a tenant, 422 for an oversized trace, 429 when every search thread is
 * taken, 499 for a search stopped because its client went away, 500 otherwise.
 */
final class QueryExceptionHandler implements ExceptionHandlerFunction {

  private static final Logger logger = LoggerFactory.getLogger(QueryExceptionHandler.class);

  /** The status Tempo (and nginx) answer a request whose client closed it: 499. */
  static final HttpStatus CLIENT_CLOSED_REQUEST = HttpStatus.valueOf(499);

  @Override
  public HttpResponse handleException(ServiceRequestContext ctx, HttpRequest req, Throwable cause) {
    if (cause instanceof MissingTenantException) {
      return text(HttpStatus.UNAUTHORIZED, "no org id\n");
    }
    if (cause instanceof IllegalArgumentException) {
      return text(HttpStatus.BAD_REQUEST, String.valueOf(cause.getMessage()));
    }
    if (cause instanceof RejectedExecutionException) {
      // Every search thread is busy and the queue is full: Tempo's answer to a full job queue.
      return text(HttpStatus.TOO_MANY_REQUESTS, "job queue full\n");
    }
    if (cause instanceof CancellationException) {
      // The client went away (or the request timed out) and the search stopped: no one to tell.
      logger.debug("Query {} cancelled", ctx.path());
      return text(CLIENT_CLOSED_REQUEST, "the search was cancelled\n");
    }
    if (cause instanceof TraceTooLargeException) {
      return text(HttpStatus.UNPROCESSABLE_ENTITY, String.valueOf(cause.getMessage()));
    }
    if (cause instanceof Error error && !(cause instanceof AssertionError)) {
      throw error;
    }
    logger.warn("Query {} failed", ctx.path(), cause);
    return text(
        HttpStatus.INTERNAL_SERVER_ERROR, "internal error: " + cause.getClass().getSimpleName());
  }

  static HttpResponse text(HttpStatus status, String body) {
    return HttpResponse.of(
        ResponseHeaders.builder(status)
            .contentType(MediaType.PLAIN_TEXT_UTF_8)
            .add(HttpHeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff")
            .build(),
        com.linecorp.armeria.common.HttpData.ofUtf8(body));
  }
}
