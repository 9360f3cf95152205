package dev.vivace.testing.sts;

import static dev.vivace.testing.sts.StsEmulatorTest.common;
import static dev.vivace.testing.sts.StsEmulatorTest.encode;
import static dev.vivace.testing.sts.StsEmulatorTest.errorBody;
import static dev.vivace.testing.sts.StsEmulatorTest.requestId;
import static dev.vivace.testing.sts.StsFixtures.PROVIDER_ARN;
import static dev.vivace.testing.sts.StsFixtures.ROLE_ARN;
import static dev.vivace.testing.sts.StsFixtures.START;
import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.client.BlockingWebClient;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each validation step answers with its documented status, code and message, and issues nothing.
 */
class StsEmulatorRejectionTest {

  static final MutableClock clock = new MutableClock(START);
  static final OidcTokens tokens = OidcTokens.generate(clock);
  static final OidcTokens strangers = OidcTokens.generate(tokens.issuer(), "test-key-1", clock);
  static final StsEmulator sts = StsFixtures.emulator(tokens, clock);

  @RegisterExtension static final StsEmulatorExtension server = new StsEmulatorExtension(sts);

  BlockingWebClient client;

  @BeforeEach
  void setUp() {
    sts.reset();
    clock.set(START);
    client = WebClient.of(server.httpUri()).blocking();
  }

  void assertRejected(
      Consumer<Map<String, String>> edit, String token, int status, String code, String message) {
    Map<String, String> q = common();
    edit.accept(q);
    RequestHeaders headers =
        RequestHeaders.of(
            HttpMethod.POST, "/?" + encode(q), HttpHeaderNames.CONTENT_TYPE, MediaType.FORM_DATA);
    AggregatedHttpResponse res =
        client.execute(
            HttpRequest.of(headers, HttpData.ofUtf8(encode(Map.of("OIDCToken", token)))));
    assertThat(res.status().code()).isEqualTo(status);
    assertThat(res.headers().get(HttpHeaderNames.CONTENT_TYPE))
        .isEqualTo("application/json;charset=utf-8");
    assertThat(res.contentUtf8()).isEqualTo(errorBody(requestId(res.contentUtf8()), code, message));
    assertThat(sts.issued()).isEmpty();
  }

  String good() {
    return tokens.mint("storage", "uploader");
  }

  @Test
  void signedRequests() {
    assertRejected(
        q -> q.put("Signature", "abc"),
        good(),
        400,
        "InvalidParameter.Anonymous",
        "AssumeRoleWithOIDC is called anonymously: Signature and AccessKeyId must not be sent"
            + " (emulator check).");
    assertRejected(
        q -> q.put("AccessKeyId", "LTAI"),
        good(),
        400,
        "InvalidParameter.Anonymous",
        "AssumeRoleWithOIDC is called anonymously: Signature and AccessKeyId must not be sent"
            + " (emulator check).");
  }

  @Test
  void actionAndParameters() {
    assertRejected(
        q -> q.put("Action", "AssumeRole"),
        good(),
        400,
        "InvalidParameter",
        "The parameter Action or Version is invalid.");
    assertRejected(
        q -> q.remove("RoleArn"),
        good(),
        400,
        "MissingParameter",
        "The input parameter \\\"RoleArn\\\" that is mandatory for processing this request is not"
            + " supplied.");
    assertRejected(
        q -> {}, "", 401, "AuthenticationFail.OIDCToken.Invalid", "The OIDCToken can not empty.");
    assertRejected(
        q -> q.put("RoleSessionName", "a b"),
        good(),
        400,
        "InvalidParameter.RoleSessionName",
        "The parameter RoleSessionName is wrongly formed.");
    assertRejected(
        q -> q.put("DurationSeconds", "7200"),
        good(),
        400,
        "InvalidParameter.DurationSeconds",
        "The parameter DurationSeconds is out of range.");
    assertRejected(
        q -> q.put("Policy", "{not json"),
        good(),
        400,
        "InvalidParameter.PolicyGrammar",
        "The parameter Policy has not passed grammar check.");
  }

  @Test
  void jwtChecks() {
    assertRejected(
        q -> {},
        "abc.def",
        401,
        "AuthenticationFail.OIDCToken.Invalid",
        "The number of Jwt field should be divided into 3 parts with '.' .");
    assertRejected(
        q -> {},
        tokens.token().subject("x").corruptSignature().sign(),
        401,
        "AuthenticationFail.OIDCToken.InvalidSignature",
        "OIDC token validate failed: invalid signature.");
    assertRejected(
        q -> {},
        strangers.mint("storage", "uploader"),
        401,
        "AuthenticationFail.OIDCToken.InvalidSignature",
        "OIDC token validate failed: invalid signature.");
    assertRejected(
        q -> {},
        tokens.token().issuedAt(START.minusSeconds(7200)).sign(),
        401,
        "AuthenticationFail.OIDCToken.Expired",
        "This JsonWebToken is expired.");
    assertRejected(
        q -> {},
        tokens.token().audiences("kubernetes.default.svc").sign(),
        401,
        "AuthenticationFail.OIDCToken.AudienceNotMatch",
        "Invalid audience.");
    assertRejected(
        q -> {},
        tokens.token().issuer("https://kubernetes.default.svc").sign(),
        401,
        "AuthenticationFail.OIDCToken.IssuerNotMatch",
        "The issuer in the OIDC Token doesn't match the OIDC Provider registered.");
  }

  @Test
  void ramEntitiesAndTrust() {
    assertRejected(
        q -> q.put("OIDCProviderArn", PROVIDER_ARN + "x"),
        good(),
        404,
        "EntityNotExist.OIDCProvider",
        "No such OIDC Provider registered.");
    assertRejected(
        q -> q.put("RoleArn", ROLE_ARN + "x"),
        good(),
        404,
        "EntityNotExist.Role",
        "The role not exists: " + ROLE_ARN + "x.");
    assertRejected(
        q -> {},
        tokens.mint("storage", "someone-else"),
        401,
        "AuthenticationFail.NoPermission",
        "There is no permission.");
  }
}
