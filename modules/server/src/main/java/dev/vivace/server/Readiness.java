package dev.vivace.server;

import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import org.jspecify.annotations.Nullable;

/** {@code /ready}: 200 {@code ready} while serving, 503 with the reason otherwise. */
final class Readiness implements HttpService {

  private volatile @Nullable String notReadyReason = "Some services are not Running: starting";

  void ready() {
    notReadyReason = null;
  }

  void notReady(String reason) {
    notReadyReason = reason;
  }

  @Override
  public HttpResponse serve(
      ServiceRequestContext ctx, com.linecorp.armeria.common.HttpRequest req) {
    String reason = notReadyReason;
    if (reason == null) {
      return HttpResponse.of(HttpStatus.OK, MediaType.PLAIN_TEXT_UTF_8, "ready\n");
    }
    return HttpResponse.of(
        HttpStatus.SERVICE_UNAVAILABLE, MediaType.PLAIN_TEXT_UTF_8, reason + "\n");
  }
}
