package dev.vivace.query.api;

import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;

/**
 * {@code grpc.health.v1.Health/Check}, which Tempo serves beside the streaming querier: always
 * {@code SERVING}, for the server as a whole and for any service named.
 */
final class GrpcHealthService implements HttpService {

  static final String PATH = "/grpc.health.v1.Health/Check";

  /** {@code HealthCheckResponse{status: SERVING}}: field 1, enum value 1. */
  private static final byte[] SERVING = {0x08, 0x01};

  @Override
  public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
    return HttpResponse.of(
        GrpcWire.requestMessage(ctx, req)
            .handle(
                (message, cause) ->
                    cause != null
                        ? GrpcWire.trailersOnly(GrpcErrors.toStatus("Check", cause))
                        : HttpResponse.of(
                            GrpcWire.headers(),
                            GrpcWire.frame(SERVING),
                            GrpcWire.trailers(GrpcCode.OK, null))));
  }
}
