package dev.vivace.storage.s3;

import static java.util.Objects.requireNonNull;

import dev.vivace.credentials.rrsa.RrsaCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The credentials an {@link S3ObjectStore} signs with: a description safe to log (it names the
 * source, never a value), the provider, and whether the store owns (and closes) it.
 */
record CredentialSource(String description, AwsCredentialsProvider provider, boolean owned) {

  CredentialSource {
    requireNonNull(description, "description");
    requireNonNull(provider, "provider");
  }

  /**
   * Asks the provider for new credentials after the store rejected the current ones. Returns
   * whether the provider can do that (only {@link RrsaCredentialsProvider} can), so whether
   * retrying makes sense.
   */
  boolean invalidate() {
    if (provider instanceof RrsaCredentialsProvider rrsaCredentialsProvider) {
      rrsaCredentialsProvider.invalidate(); // rate-limited; another caller may have refreshed
      return true;
    }
    return false;
  }

  void close() {
    if (!owned) {
      return;
    }
    if (provider instanceof RrsaCredentialsProvider rrsaCredentialsProvider) {
      rrsaCredentialsProvider.close();
    } else if (provider instanceof SdkAutoCloseable sdkAutoCloseable) {
      sdkAutoCloseable.close();
    }
  }

  @Override
  public String toString() {
    return description;
  }
}
