package dev.vivace.credentials.rrsa;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {

  @Test
  void removesJwtsQueriesAndSecretParameters() {
    assertThat(
            Redaction.scrub(
                "Server unreachable: connection https://sts.aliyuncs.com/?Action=x&OIDCToken=abc"
                    + " failed"))
        .isEqualTo(
            "Server unreachable: connection https://sts.aliyuncs.com/?<redacted-query> failed");
    assertThat(Redaction.scrub("token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln here"))
        .isEqualTo("token <redacted-jwt> here");
    assertThat(Redaction.scrub("{\"AccessKeySecret\":\"abc\",\"SecurityToken\":\"CAIS123\"}"))
        .isEqualTo("{\"AccessKeySecret\":\"<redacted>\",\"SecurityToken\":\"<redacted>\"}");
    assertThat(Redaction.scrub("OIDCToken=zzz&x=1")).isEqualTo("OIDCToken=<redacted>&x=1");
    assertThat(Redaction.scrub(null)).isEmpty();
    assertThat(Redaction.scrub("a\nb")).isEqualTo("a b");
  }
}
