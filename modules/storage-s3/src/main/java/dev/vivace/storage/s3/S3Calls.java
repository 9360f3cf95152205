package dev.vivace.storage.s3;

import static java.util.Objects.requireNonNull;

import dev.vivace.storage.StorageException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Runs single S3 requests: creates the client on first use (so building a store does no I/O),
 * translates failures with {@link S3Errors}, and when the store rejects the credentials as expired
 * or unknown, asks the credentials provider to refresh them (only RRSA can) and retries once. The
 * SDK itself retries 5xx and throttling with backoff before any of this.
 */
final class S3Calls implements AutoCloseable {

  private static final Logger logger = LoggerFactory.getLogger(S3ObjectStore.class);

  private final Supplier<S3Client> factory;
  private final CredentialSource credentials;
  private final Object lock = new Object();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile @Nullable S3Client client;

  S3Calls(Supplier<S3Client> factory, CredentialSource credentials) {
    this.factory = requireNonNull(factory, "factory");
    this.credentials = requireNonNull(credentials, "credentials");
  }

  /**
   * Runs {@code request} against an object {@code key}: a 404 means {@code
   * ObjectNotFoundException}.
   */
  <T> T object(String operation, String key, Function<S3Client, T> request) {
    return run(operation, key, true, request);
  }

  /**
   * Runs {@code request} about something other than one object (a prefix, the bucket, an upload).
   */
  <T> T other(String operation, String what, Function<S3Client, T> request) {
    return run(operation, what, false, request);
  }

  private <T> T run(String operation, String key, boolean isObject, Function<S3Client, T> request) {
    S3Client s3 = client();
    try {
      return request.apply(s3);
    } catch (SdkException e) {
      if (!S3Errors.isCredentialRejection(e) || !credentials.invalidate()) {
        throw S3Errors.translate(operation, key, isObject, e);
      }
      AwsServiceException s = (AwsServiceException) e;
      logger.warn(
          "S3 {} {} was refused with {} (request id {}); refreshed the credentials from {},"
              + " retrying once",
          operation,
          key,
          s.awsErrorDetails().errorCode(),
          s.requestId(),
          credentials);
      try {
        return request.apply(s3);
      } catch (SdkException again) {
        throw S3Errors.translate(operation, key, isObject, again);
      }
    }
  }

  private S3Client client() {
    if (closed.get()) {
      throw new StorageException("S3 object store is closed");
    }
    S3Client c = client;
    if (c != null) {
      return c;
    }
    synchronized (lock) {
      if (closed.get()) {
        throw new StorageException("S3 object store is closed");
      }
      if (client == null) {
        client = factory.get();
      }
      return requireNonNull(client, "client");
    }
  }

  boolean isClosed() {
    return closed.get();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    S3Client c;
    synchronized (lock) {
      c = client;
      client = null;
    }
    try {
      if (c != null) {
        c.close();
      }
    } finally {
      credentials.close();
    }
  }
}
