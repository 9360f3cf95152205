package dev.vivace.testing.sts;

import static dev.vivace.testing.sts.StsEmulatorTest.common;
import static dev.vivace.testing.sts.StsEmulatorTest.encode;
import static dev.vivace.testing.sts.StsEmulatorTest.errorBody;
import static dev.vivace.testing.sts.StsEmulatorTest.requestId;
import static dev.vivace.testing.sts.StsFixtures.START;
import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.client.BlockingWebClient;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpHeaderNames;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StsEmulatorFaultTest {

  static final MutableClock clock = new MutableClock(START);
  static final OidcTokens tokens = OidcTokens.generate(clock);
  static final StsEmulator sts =
      StsEmulator.builder()
          .oidcProvider(StsFixtures.PROVIDER_ARN, tokens)
          .role(StsFixtures.ROLE_ARN, StsFixtures.PROVIDER_ARN, StsFixtures.SUBJECT)
          .slowness(Duration.ofMillis(300))
          .clock(clock)
          .build();

  @RegisterExtension static final StsEmulatorExtension server = new StsEmulatorExtension(sts);

  BlockingWebClient client;

  @BeforeEach
  void setUp() {
    sts.reset();
    client = WebClient.of(server.httpUri()).blocking();
  }

  AggregatedHttpResponse call() {
    Map<String, String> q = common();
    q.put("OIDCToken", tokens.mint("storage", "uploader"));
    return client.get("/?" + encode(q));
  }

  void assertError(AggregatedHttpResponse res, int status, String code, String message) {
    assertThat(res.status().code()).isEqualTo(status);
    assertThat(res.contentUtf8()).isEqualTo(errorBody(requestId(res.contentUtf8()), code, message));
  }

  @Test
  void failNextThenRecoversByItself() {
    sts.failNext(StsFault.INTERNAL_ERROR, 1);
    sts.failNext(StsFault.SERVICE_UNAVAILABLE, 1);
    sts.failNext(StsFault.THROTTLING, 1);
    sts.failNext(StsFault.TOKEN_EXPIRED, 1);
    sts.failNext(StsFault.DURATION_REJECTED, 1);

    assertError(
        call(),
        500,
        "InternalError",
        "The request processing has failed due to some unknown error.");
    assertError(
        call(),
        503,
        "ServiceUnavailable",
        "The request has failed due to a temporary failure of the server.");
    assertError(call(), 400, "Throttling.User", "Request was denied due to user flow control.");
    assertError(
        call(), 401, "AuthenticationFail.OIDCToken.Expired", "This JsonWebToken is expired.");
    assertError(
        call(),
        400,
        "InvalidParameter.DurationSeconds",
        "The parameter DurationSeconds is out of range.");
    assertThat(call().status().code()).isEqualTo(200);
    assertThat(sts.requests()).hasSize(6);
    assertThat(sts.issued()).hasSize(1);
  }

  @Test
  void outageLastsUntilRecover() {
    sts.outage(StsFault.SERVICE_UNAVAILABLE);
    for (int i = 0; i < 3; i++) {
      assertThat(call().status().code()).isEqualTo(503);
    }
    sts.recover();
    assertThat(call().status().code()).isEqualTo(200);
  }

  @Test
  void brokenBodies() {
    sts.failNext(StsFault.NO_CONTENT_TYPE, 1);
    sts.failNext(StsFault.MALFORMED_BODY, 1);

    AggregatedHttpResponse noType = call();
    assertThat(noType.status().code()).isEqualTo(200);
    assertThat(noType.headers().get(HttpHeaderNames.CONTENT_TYPE)).isNull();

    AggregatedHttpResponse html = call();
    assertThat(html.status().code()).isEqualTo(200);
    assertThat(html.contentUtf8()).startsWith("<html>");
    assertThat(sts.issued()).hasSize(1);
    assertThat(noType.contentUtf8()).contains(sts.issued().get(0).accessKeyId());
  }

  @Test
  void slowAnswersAfterTheConfiguredDelay() {
    sts.failNext(StsFault.SLOW, 1);
    long start = System.nanoTime();
    AggregatedHttpResponse res = call();
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(res.status().code()).isEqualTo(200);
  }
}
