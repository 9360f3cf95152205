package dev.vivace.testing.s3;

import static java.util.Objects.requireNonNull;

import dev.vivace.testing.sts.StsEmulator;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Configures an {@link S3Emulator}. */
public final class S3EmulatorBuilder {

  @Nullable StsEmulator sts;
  final Map<String, String> staticCredentials = new LinkedHashMap<>();
  final Set<String> buckets = new LinkedHashSet<>();
  Clock clock = Clock.systemUTC();
  boolean strict = true;

  S3EmulatorBuilder() {}

  /** Accept credentials this STS emulator issued, until their {@code Expiration}. */
  public S3EmulatorBuilder sts(StsEmulator sts) {
    this.sts = requireNonNull(sts, "sts");
    return this;
  }

  /** Accept a fixed key pair (no session token). */
  public S3EmulatorBuilder staticCredentials(String accessKeyId, String secret) {
    staticCredentials.put(
        requireNonNull(accessKeyId, "accessKeyId"), requireNonNull(secret, "secret"));
    return this;
  }

  /** A bucket that exists when the server starts. */
  public S3EmulatorBuilder bucket(String bucket) {
    buckets.add(requireNonNull(bucket, "bucket"));
    return this;
  }

  /** The clock STS expirations are checked against. If unset, the UTC system clock. */
  public S3EmulatorBuilder clock(Clock clock) {
    this.clock = requireNonNull(clock, "clock");
    return this;
  }

  /**
   * Whether to reject, as OSS may, any {@code aws-chunked} body and any flexible-checksum header
   * ({@code x-amz-checksum-*}, {@code x-amz-sdk-checksum-algorithm}, {@code x-amz-trailer}, {@code
   * x-amz-te}), so that a regression in client settings fails tests. If unset, true.
   */
  public S3EmulatorBuilder strict(boolean strict) {
    this.strict = strict;
    return this;
  }

  public S3Emulator build() {
    if (sts == null && staticCredentials.isEmpty()) {
      throw new IllegalStateException(
          "no credentials accepted: set sts(...) or staticCredentials(...)");
    }
    return new S3Emulator(this);
  }
}
