package dev.vivace.storage.s3;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Records each signed request as the SDK is about to send it: method, host, path and header names.
 */
final class WireRecorder implements ExecutionInterceptor {

  record Sent(
      String method, String host, String path, List<String> headerNames, String contentSha256) {}

  private final List<Sent> sent = new ArrayList<>();

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    SdkHttpRequest r = context.httpRequest();
    Map<String, List<String>> headers = r.headers();
    String sha =
        headers.entrySet().stream()
            .filter(e -> e.getKey().equalsIgnoreCase("x-amz-content-sha256"))
            .map(e -> e.getValue().get(0))
            .findFirst()
            .orElse("");
    synchronized (sent) {
      sent.add(
          new Sent(
              r.method().name(),
              r.host(),
              r.encodedPath(),
              headers.keySet().stream()
                  .map(k -> k.toLowerCase(Locale.ROOT))
                  .collect(Collectors.toList()),
              sha));
    }
  }

  List<Sent> sent() {
    synchronized (sent) {
      return List.copyOf(sent);
    }
  }
}
