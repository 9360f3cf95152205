package dev.vivace.testing.sts;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The response bodies of spec sections 2.6 and 2.7: compact JSON, fields in the documented order.
 */
final class StsJson {

  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final JsonFactory FACTORY = new JsonFactory();

  static String success(
      String requestId, VerifiedToken token, IssuedCredentials c, String assumedRoleId) {
    return write(
        g -> {
          g.writeStringField("RequestId", requestId);
          g.writeObjectFieldStart("OIDCTokenInfo");
          g.writeStringField("Subject", token.subject());
          g.writeStringField("Issuer", token.issuer());
          g.writeStringField("ClientIds", String.join(",", token.audiences()));
          g.writeStringField("ExpirationTime", TIME.format(token.expiresAt()));
          g.writeStringField("IssuanceTime", TIME.format(token.issuedAt()));
          g.writeStringField("VerificationInfo", "Success");
          g.writeEndObject();
          g.writeObjectFieldStart("AssumedRoleUser");
          g.writeStringField("AssumedRoleId", assumedRoleId);
          g.writeStringField("Arn", c.roleArn() + "/" + c.roleSessionName());
          g.writeEndObject();
          g.writeObjectFieldStart("Credentials");
          g.writeStringField("AccessKeyId", c.accessKeyId());
          g.writeStringField("AccessKeySecret", c.accessKeySecret());
          g.writeStringField("SecurityToken", c.securityToken());
          g.writeStringField("Expiration", TIME.format(c.expiration()));
          g.writeEndObject();
        });
  }

  static String error(String requestId, String hostId, StsError e) {
    return write(
        g -> {
          g.writeStringField("RequestId", requestId);
          g.writeStringField("HostId", hostId);
          g.writeStringField("Code", e.code());
          g.writeStringField("Message", e.message());
          g.writeStringField(
              "Recommend", "https://api.aliyun.com/troubleshoot?q=" + e.code() + "&product=Sts");
        });
  }

  static String format(Instant instant) {
    return TIME.format(instant);
  }

  private interface Fields {
    void write(JsonGenerator g) throws IOException;
  }

  private static String write(Fields fields) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      fields.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private StsJson() {}
}
