package dev.vivace.testing.s3;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import org.gaul.s3proxy.BlobStoreLocator;
import org.jclouds.blobstore.BlobStore;
import org.jspecify.annotations.Nullable;

/**
 * s3proxy's per-access-key lookup: the secret to verify the SigV4 signature with, only for keys the
 * emulator accepts (static, or issued by STS and not expired or revoked). Unknown keys get 403
 * {@code InvalidAccessKeyId}.
 */
final class CredentialLocator implements BlobStoreLocator {

  private final S3Emulator emulator;
  private final BlobStore blobStore;

  CredentialLocator(S3Emulator emulator, BlobStore blobStore) {
    this.emulator = requireNonNull(emulator, "emulator");
    this.blobStore = requireNonNull(blobStore, "blobStore");
  }

  @Override
  public Map.@Nullable Entry<String, BlobStore> locateBlobStore(
      @Nullable String identity, @Nullable String container, @Nullable String blob) {
    if (identity == null) {
      return null;
    }
    String secret = emulator.secretFor(identity);
    return secret == null ? null : Map.entry(secret, blobStore);
  }
}
