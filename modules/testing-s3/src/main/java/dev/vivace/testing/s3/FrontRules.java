package dev.vivace.testing.s3;

import static java.util.Objects.requireNonNull;

import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.RequestHeaders;
import dev.vivace.testing.sts.IssuedCredentials;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the front checks before s3proxy sees a request (spec sections 5.5 and 5.6): injected faults,
 * the wire formats OSS rejects, and the parts of STS authentication s3proxy cannot know about (the
 * security token must be the one issued with the key, must be signed, and must not have expired).
 */
final class FrontRules {

  static final String STREAMING_SIGNED = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
  static final String STREAMING_UNSIGNED_TRAILER = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
  static final String SECURITY_TOKEN = "x-amz-security-token";

  private final S3Emulator emulator;

  FrontRules(S3Emulator emulator) {
    this.emulator = requireNonNull(emulator, "emulator");
  }

  /** The answer that replaces forwarding, or null to forward. */
  @Nullable HttpResponse check(RequestHeaders headers) {
    S3Fault fault = emulator.takeFault();
    if (fault != null) {
      return S3ErrorResponses.of(fault.status(), fault.code(), fault.message());
    }
    HttpResponse wire = checkWireFormat(headers);
    return wire != null ? wire : checkAuthentication(headers);
  }

  private @Nullable HttpResponse checkWireFormat(RequestHeaders headers) {
    String sha = headers.get("x-amz-content-sha256");
    String encoding = headers.get("content-encoding", "").toLowerCase(Locale.ROOT);
    if (STREAMING_UNSIGNED_TRAILER.equals(sha)) {
      return S3ErrorResponses.of(
          400,
          "NotImplemented",
          "Aws MultiChunkedEncoding STREAMING-UNSIGNED-PAYLOAD-TRAILER is not supported.");
    }
    if (encoding.contains("aws-chunked") && (emulator.strict || !STREAMING_SIGNED.equals(sha))) {
      return S3ErrorResponses.of(
          400,
          "InvalidArgument",
          "aws-chunked encoding is not supported with the specified x-amz-content-sha256 value.");
    }
    if (emulator.strict) {
      for (var name : headers.names()) {
        String n = name.toString();
        if (n.startsWith("x-amz-checksum-")
            || n.equals("x-amz-sdk-checksum-algorithm")
            || n.equals("x-amz-trailer")
            || n.equals("x-amz-te")) {
          return S3ErrorResponses.of(
              400,
              "InvalidArgument",
              "Header "
                  + n
                  + " is not accepted by this strict emulator (client checksum settings?)");
        }
      }
    }
    return null;
  }

  private @Nullable HttpResponse checkAuthentication(RequestHeaders headers) {
    SigV4Authorization auth = SigV4Authorization.parse(headers.get("authorization"));
    if (auth == null) {
      return S3ErrorResponses.of(
          403, "AccessDenied", "AWS4-HMAC-SHA256 authorization is required.");
    }
    String ak = auth.accessKeyId();
    if (emulator.staticCredentials.containsKey(ak)) {
      return null;
    }
    Optional<IssuedCredentials> issued = emulator.issued(ak);
    if (issued.isEmpty() || emulator.isRevoked(ak)) {
      return S3ErrorResponses.of(
          403,
          "InvalidAccessKeyId",
          "The OSS Access Key Id you provided does not exist in our records.");
    }
    String token = headers.get(SECURITY_TOKEN);
    if (token == null) {
      return S3ErrorResponses.of(
          403,
          "InvalidAccessKeyId",
          "The OSS Access Key Id you provided does not exist in our records.");
    }
    if (!token.equals(issued.get().securityToken())) {
      return S3ErrorResponses.of(
          403, "InvalidSecurityToken", "The security token is not the one issued.");
    }
    if (!auth.signedHeaders().contains(SECURITY_TOKEN)) {
      return S3ErrorResponses.of(403, "AccessDenied", "x-amz-security-token must be signed.");
    }
    if (emulator.isExpired(issued.get())) {
      return S3ErrorResponses.of(
          403, "SecurityTokenExpired", "The security token you provided has expired.");
    }
    return null;
  }
}
