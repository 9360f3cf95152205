package dev.vivace.storage.s3;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The settings of an {@link S3ObjectStore}, one component per Tempo {@code storage.trace.s3.*} key
 * (named in each component's description) plus timeouts and retries. Built and validated by {@link
 * S3ObjectStoreBuilder}; the compact constructor checks the same rules, so every instance is valid.
 * {@link #toString()} never shows the secret key or the session token.
 *
 * @param bucket {@code bucket}: the bucket name
 * @param prefix {@code prefix}: a key prefix (without leading or trailing {@code /}), empty for
 *     none
 * @param endpoint {@code endpoint}: {@code host[:port]} or a {@code http(s)://} URL; empty for AWS
 *     by region
 * @param region {@code region}: signing region; ignored for OSS endpoints, which are signed as
 *     {@code us-east-1}
 * @param accessKey {@code access_key}: static access key id, empty to use the credential chain
 * @param secretKey {@code secret_key}: static secret, set together with {@code access_key}
 * @param sessionToken {@code session_token}: optional session token of the static pair
 * @param insecure {@code insecure}: plain HTTP for an endpoint given without scheme
 * @param forcePathStyle {@code s3.forcepathstyle}: path-style addressing (OSS refuses it)
 * @param partSize {@code part_size}: objects larger than this are uploaded in parts of this size
 * @param connectTimeout {@code connect_timeout}: TCP connect timeout
 * @param requestTimeout {@code request_timeout}: socket read timeout and limit of one HTTP attempt
 * @param apiCallTimeout {@code api_call_timeout}: limit of one operation, retries included
 * @param maxAttempts {@code max_attempts}: attempts per request, the first included (5xx and
 *     throttling retried)
 */
public record S3Config(
    String bucket,
    String prefix,
    String endpoint,
    String region,
    String accessKey,
    String secretKey,
    String sessionToken,
    boolean insecure,
    boolean forcePathStyle,
    long partSize,
    Duration connectTimeout,
    Duration requestTimeout,
    Duration apiCallTimeout,
    int maxAttempts) {

  /** Smallest {@code part_size}: S3's minimum part size (OSS accepts 100 KB, but S3 does not). */
  public static final long MIN_PART_SIZE = 5L * 1024 * 1024;

  /** Largest {@code part_size}: parts are buffered in memory. */
  public static final long MAX_PART_SIZE = 1024L * 1024 * 1024;

  public S3Config {
    requireNonNull(bucket, "bucket");
    requireNonNull(prefix, "prefix");
    requireNonNull(endpoint, "endpoint");
    requireNonNull(region, "region");
    requireNonNull(accessKey, "accessKey");
    requireNonNull(secretKey, "secretKey");
    requireNonNull(sessionToken, "sessionToken");
    requireNonNull(connectTimeout, "connectTimeout");
    requireNonNull(requestTimeout, "requestTimeout");
    requireNonNull(apiCallTimeout, "apiCallTimeout");
    if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
      throw new IllegalArgumentException(
          "bucket: " + bucket + " (expected: 3-63 lower-case letters, digits, '.' or '-')");
    }
    if (prefix.startsWith("/") || prefix.endsWith("/") || prefix.contains("//")) {
      throw new IllegalArgumentException(
          "prefix: " + prefix + " (expected: no leading, trailing or double '/')");
    }
    if (accessKey.isEmpty() != secretKey.isEmpty()) {
      throw new IllegalArgumentException(
          "access_key and secret_key: only one is set (expected: both or neither)");
    }
    if (accessKey.isEmpty() && !sessionToken.isEmpty()) {
      throw new IllegalArgumentException(
          "session_token: set without access_key (expected: both or neither)");
    }
    if (endpoint.isEmpty() && region.isEmpty()) {
      throw new IllegalArgumentException(
          "region: \"\" (expected: a region when endpoint is empty)");
    }
    if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
      throw new IllegalArgumentException(
          "part_size: " + partSize + " (expected: " + MIN_PART_SIZE + ".." + MAX_PART_SIZE + ")");
    }
    positive(connectTimeout, "connect_timeout");
    positive(requestTimeout, "request_timeout");
    positive(apiCallTimeout, "api_call_timeout");
    if (maxAttempts < 1 || maxAttempts > 10) {
      throw new IllegalArgumentException("max_attempts: " + maxAttempts + " (expected: 1..10)");
    }
    S3Endpoints.resolve(
        endpoint, insecure, region, forcePathStyle); // fails fast on a malformed endpoint
  }

  private static void positive(Duration d, String key) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(key + ": " + d + " (expected: > 0)");
    }
  }

  @Override
  public String toString() {
    return "S3Config{bucket="
        + bucket
        + ", prefix="
        + prefix
        + ", endpoint="
        + endpoint
        + ", region="
        + region
        + ", accessKey="
        + (accessKey.isEmpty() ? "<unset>" : "<set>")
        + ", secretKey="
        + (secretKey.isEmpty() ? "<unset>" : "<redacted>")
        + ", sessionToken="
        + (sessionToken.isEmpty() ? "<unset>" : "<redacted>")
        + ", insecure="
        + insecure
        + ", forcePathStyle="
        + forcePathStyle
        + ", partSize="
        + partSize
        + ", connectTimeout="
        + connectTimeout
        + ", requestTimeout="
        + requestTimeout
        + ", apiCallTimeout="
        + apiCallTimeout
        + ", maxAttempts="
        + maxAttempts
        + "}";
  }
}
