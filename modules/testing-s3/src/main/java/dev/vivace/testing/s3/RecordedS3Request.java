package dev.vivace.testing.s3;

import static java.util.Objects.requireNonNull;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A request the front saw, without header values except the payload hash: method, path and query as
 * sent, the lower-cased header names, the access key id (not secret), and the status answered.
 */
public record RecordedS3Request(
    String method,
    String pathAndQuery,
    Set<String> headerNames,
    @Nullable String contentSha256,
    @Nullable String accessKeyId,
    int status) {

  public RecordedS3Request {
    requireNonNull(method, "method");
    requireNonNull(pathAndQuery, "pathAndQuery");
    headerNames = Set.copyOf(headerNames);
  }
}
