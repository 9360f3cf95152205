package dev.vivace.storage.s3;

import static dev.vivace.storage.s3.S3Fixtures.ACCESS_KEY;
import static dev.vivace.storage.s3.S3Fixtures.BUCKET;
import static dev.vivace.storage.s3.S3Fixtures.SECRET_KEY;

import dev.vivace.storage.ObjectStore;
import dev.vivace.testing.s3.S3Emulator;
import dev.vivace.testing.s3.S3EmulatorExtension;
import dev.vivace.testing.storage.ObjectStoreContract;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shared {@link ObjectStoreContract} against s3proxy (SigV4 verified, strict OSS wire checks),
 * with both addressing styles. Each store gets its own key prefix, so every test starts empty.
 */
class S3ObjectStoreTest {

  @RegisterExtension
  static final S3EmulatorExtension s3 =
      new S3EmulatorExtension(
          S3Emulator.builder().staticCredentials(ACCESS_KEY, SECRET_KEY).bucket(BUCKET).build());

  @Nested
  class VirtualHosted extends ObjectStoreContract {
    @Override
    protected ObjectStore newStore() {
      return S3Fixtures.staticKeys(s3).build();
    }
  }

  @Nested
  class PathStyle extends ObjectStoreContract {
    @Override
    protected ObjectStore newStore() {
      return S3Fixtures.staticKeys(s3).forcePathStyle(true).build();
    }
  }
}
