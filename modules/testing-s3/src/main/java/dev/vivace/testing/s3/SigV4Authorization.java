package dev.vivace.testing.s3;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The parts of an {@code Authorization: AWS4-HMAC-SHA256 Credential=AK/date/region/s3/aws4_request,
 * SignedHeaders=a;b, Signature=...} header the front needs. The signature itself is verified by
 * s3proxy.
 */
record SigV4Authorization(String accessKeyId, String region, List<String> signedHeaders) {

  private static final Pattern HEADER =
      Pattern.compile(
          "AWS4-HMAC-SHA256"
              + " Credential=([^/]+)/\\d{8}/([^/]+)/s3/aws4_request,\\s*SignedHeaders=([^,]+),"
              + "\\s*Signature=[0-9a-f]{64}");

  static @Nullable SigV4Authorization parse(@Nullable String header) {
    if (header == null) {
      return null;
    }
    Matcher m = HEADER.matcher(header.strip());
    if (!m.matches()) {
      return null;
    }
    return new SigV4Authorization(m.group(1), m.group(2), List.of(m.group(3).split(";")));
  }
}
