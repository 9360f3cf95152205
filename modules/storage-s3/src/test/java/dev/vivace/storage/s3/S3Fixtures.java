package dev.vivace.storage.s3;

import dev.vivace.testing.s3.S3EmulatorExtension;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Shared wiring of the tests: the bucket, the static test key, and a builder pointed at the
 * emulator.
 */
final class S3Fixtures {

  static final String BUCKET = "traces";
  static final String ACCESS_KEY = "AKIDTESTSTATIC";
  static final String SECRET_KEY = "secret-static-test-key-0123456789";
  private static final AtomicInteger PREFIXES = new AtomicInteger();

  /** A builder on the emulator (virtual-hosted, names resolved to loopback) with no environment. */
  static S3ObjectStoreBuilder builder(S3EmulatorExtension s3) {
    return S3ObjectStore.builder(BUCKET)
        .endpoint(s3.endpoint().toString())
        .environment(Map.of())
        .httpClient(b -> b.dnsResolver(LoopbackDns.INSTANCE));
  }

  /** {@link #builder} with the static key pair and a prefix no other store uses. */
  static S3ObjectStoreBuilder staticKeys(S3EmulatorExtension s3) {
    return builder(s3)
        .accessKey(ACCESS_KEY)
        .secretKey(SECRET_KEY)
        .prefix("p" + PREFIXES.incrementAndGet());
  }

  private S3Fixtures() {}
}
