package dev.vivace.storage.s3;

import static dev.vivace.storage.s3.S3Fixtures.ACCESS_KEY;
import static dev.vivace.storage.s3.S3Fixtures.BUCKET;
import static dev.vivace.storage.s3.S3Fixtures.SECRET_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vivace.storage.CapacityException;
import dev.vivace.storage.StorageException;
import dev.vivace.testing.s3.RecordedS3Request;
import dev.vivace.testing.s3.S3Emulator;
import dev.vivace.testing.s3.S3EmulatorExtension;
import dev.vivace.testing.s3.S3Fault;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Retries with backoff, throttling as capacity errors, and real SigV4 rejections. */
class S3ObjectStoreFaultTest {

  static final S3Emulator emulator =
      S3Emulator.builder().staticCredentials(ACCESS_KEY, SECRET_KEY).bucket(BUCKET).build();

  @RegisterExtension static final S3EmulatorExtension s3 = new S3EmulatorExtension(emulator);

  @BeforeEach
  void reset() {
    emulator.reset();
  }

  @Test
  void throttlingAndServerErrorsAreRetried() {
    try (S3ObjectStore store = S3Fixtures.staticKeys(s3).build()) {
      emulator.failNext(S3Fault.SLOW_DOWN, 2);
      store.put("a", new byte[] {7});
      emulator.failNext(S3Fault.INTERNAL_ERROR, 1);
      emulator.failNext(S3Fault.SERVICE_UNAVAILABLE, 1);

      assertThat(store.get("a")).containsExactly(7);
    }
    assertThat(emulator.requests())
        .extracting(RecordedS3Request::status)
        .containsExactly(503, 503, 200, 500, 503, 200);
  }

  @Test
  void throttlingBeyondTheRetriesIsACapacityError() {
    try (S3ObjectStore store = S3Fixtures.staticKeys(s3).maxAttempts(2).build()) {
      emulator.failNext(S3Fault.SLOW_DOWN, 2);

      assertThatThrownBy(() -> store.put("t/b/meta.json", new byte[1]))
          .isInstanceOf(CapacityException.class)
          .hasMessageStartingWith(
              "put t/b/meta.json throttled by the store (status 503, code SlowDown,")
          .satisfies(e -> assertThat(store.isOverCapacity(e)).isTrue());
    }
    assertThat(emulator.requests()).hasSize(2);
  }

  @Test
  void serverErrorsBeyondTheRetriesAreStorageErrors() {
    try (S3ObjectStore store = S3Fixtures.staticKeys(s3).maxAttempts(3).build()) {
      emulator.failNext(S3Fault.INTERNAL_ERROR, 3);

      assertThatThrownBy(() -> store.list("t/"))
          .isInstanceOf(StorageException.class)
          .isNotInstanceOf(CapacityException.class)
          .hasMessageStartingWith("list prefix t/ failed (status 500, code InternalError,")
          .satisfies(e -> assertThat(store.isOverCapacity(e)).isFalse());
    }
    assertThat(emulator.requests()).hasSize(3);
  }

  @Test
  void aWrongSecretFailsTheSignatureCheckOnce() {
    try (S3ObjectStore store =
        S3Fixtures.builder(s3).accessKey(ACCESS_KEY).secretKey("not-the-secret").build()) {
      assertThatThrownBy(() -> store.put("a", new byte[1]))
          .isInstanceOf(StorageException.class)
          .hasMessageStartingWith("put a failed (status 403, code SignatureDoesNotMatch,")
          .hasMessageNotContaining("not-the-secret");
    }
    assertThat(emulator.requests()).hasSize(1);
  }

  @Test
  void anUnknownKeyIsRefusedAndNotRetriedWithStaticCredentials() {
    try (S3ObjectStore store =
        S3Fixtures.builder(s3).accessKey("AKIDUNKNOWN").secretKey(SECRET_KEY).build()) {
      assertThatThrownBy(() -> store.get("a"))
          .isInstanceOf(StorageException.class)
          .hasMessageStartingWith("get a failed (status 403, code InvalidAccessKeyId,");
    }
    assertThat(emulator.requests()).hasSize(1);
  }
}
