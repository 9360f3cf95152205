package dev.vivace.storage.s3;

import dev.vivace.storage.CapacityException;
import dev.vivace.storage.ObjectNotFoundException;
import dev.vivace.storage.StorageException;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The one place SDK exceptions become the SPI's: 404 on an object → {@link
 * ObjectNotFoundException}; throttling (429, 503, {@code SlowDown} and the SDK's other throttling
 * codes) → {@link CapacityException}; anything else → {@link StorageException}. Messages name the
 * operation, the key, the status, the error code and the request id, never a credential. The SDK
 * exception is kept as the cause.
 */
final class S3Errors {

  /** Codes meaning "these credentials are expired or unknown": worth one refresh and one retry. */
  static final Set<String> CREDENTIAL_REJECTIONS =
      Set.of(
          "InvalidAccessKeyId",
          "SecurityTokenExpired",
          "InvalidSecurityToken",
          "ExpiredToken",
          "InvalidToken",
          "TokenRefreshRequired");

  static boolean isCredentialRejection(SdkException e) {
    if (!(e instanceof AwsServiceException s)) {
      return false;
    }

    return (s.statusCode() == 403 || s.statusCode() == 400)
        && CREDENTIAL_REJECTIONS.contains(code(s));
  }

  /** Translates {@code e}, thrown by {@code operation} on {@code key} (a key, prefix or bucket). */
  static StorageException translate(
      String operation, String key, boolean isObject, SdkException e) {
    if (!(e instanceof AwsServiceException s)) {
      return new StorageException(operation + " " + key + " failed: " + e.getMessage(), e);
    }

    String code = code(s);
    int status = s.statusCode();
    String details =
        " (status "
            + status
            + (code != null ? ", code " + code : "")
            + ", request id "
            + s.requestId()
            + ")";
    if (isObject && status == 404 && !"NoSuchBucket".equals(code)) {
      ObjectNotFoundException notFound = new ObjectNotFoundException(key);
      notFound.initCause(e);
      return notFound;
    }
    if (status == 429 || status == 503 || s.isThrottlingException()) {
      return new CapacityException(operation + " " + key + " throttled by the store" + details, e);
    }
    return new StorageException(operation + " " + key + " failed" + details, e);
  }

  private static @Nullable String code(AwsServiceException s) {
    return s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorCode();
  }

  private S3Errors() {}
}
