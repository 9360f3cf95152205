package dev.vivace.testing.sts;

import static dev.vivace.testing.sts.StsFixtures.PROVIDER_ARN;
import static dev.vivace.testing.sts.StsFixtures.ROLE_ARN;
import static dev.vivace.testing.sts.StsFixtures.START;
import static dev.vivace.testing.sts.StsFixtures.SUBJECT;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StsEmulatorTest {

  static final MutableClock clock = new MutableClock(START);
  static final OidcTokens tokens = OidcTokens.generate(clock);
  static final StsEmulator sts = StsFixtures.emulator(tokens, clock);

  @RegisterExtension static final StsEmulatorExtension server = new StsEmulatorExtension(sts);

  BlockingWebClient client;

  @BeforeEach
  void setUp() {
    sts.reset();
    clock.set(START);
    client = WebClient.of(server.httpUri()).blocking();
  }

  static Map<String, String> common() {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("Action", "AssumeRoleWithOIDC");
    q.put("Version", "2015-04-01");
    q.put("Format", "JSON");
    q.put("RoleArn", ROLE_ARN);
    q.put("OIDCProviderArn", PROVIDER_ARN);
    q.put("RoleSessionName", "uploader@pod-1");
    q.put("DurationSeconds", "900");
    return q;
  }

  AggregatedHttpResponse post(Map<String, String> query, Map<String, String> form) {
    RequestHeaders headers =
        RequestHeaders.of(
            HttpMethod.POST,
            "/?" + encode(query),
            HttpHeaderNames.CONTENT_TYPE,
            MediaType.FORM_DATA);
    return client.execute(HttpRequest.of(headers, HttpData.ofUtf8(encode(form))));
  }

  AggregatedHttpResponse postWithToken(Map<String, String> query, String token) {
    return post(query, Map.of("OIDCToken", token));
  }

  static String encode(Map<String, String> params) {
    return params.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  static String requestId(String body) {
    Matcher m = Pattern.compile("^\\{\"RequestId\":\"([0-9A-F-]{36})\"").matcher(body);
    assertThat(m.find()).as("RequestId first, upper-case UUID: %s", body).isTrue();
    return m.group(1);
  }

  static String errorBody(String requestId, String code, String message) {
    return "{\"RequestId\":\""
        + requestId
        + "\",\"HostId\":\"sts.aliyuncs.com\",\"Code\":\""
        + code
        + "\",\"Message\":\""
        + message
        + "\",\"Recommend\":\"https://api.aliyun.com/troubleshoot?q="
        + code
        + "&product=Sts\"}";
  }

  @Test
  void issuesCredentialsWithTheDocumentedBody() {
    String token = tokens.mint("storage", "uploader");

    AggregatedHttpResponse res = postWithToken(common(), token);

    assertThat(res.status().code()).isEqualTo(200);
    assertThat(res.headers().get(HttpHeaderNames.CONTENT_TYPE))
        .isEqualTo("application/json;charset=utf-8");
    assertThat(sts.issued()).hasSize(1);
    IssuedCredentials c = sts.issued().get(0);
    assertThat(c.accessKeyId()).startsWith("STS.");
    assertThat(c.securityToken().length()).isGreaterThanOrEqualTo(600);
    assertThat(c.expiration()).isEqualTo(START.plusSeconds(900));
    String body = res.contentUtf8();
    String assumedRoleId =
        body.replaceAll(".*\"AssumedRoleId\":\"([0-9]{18}:uploader@pod-1)\".*", "$1");
    assertThat(body)
        .isEqualTo(
            "{\"RequestId\":\""
                + requestId(body)
                + "\","
                + "\"OIDCTokenInfo\":{\"Subject\":\""
                + SUBJECT
                + "\",\"Issuer\":\""
                + tokens.issuer()
                + "\","
                + "\"ClientIds\":\"sts.aliyuncs.com\",\"ExpirationTime\":\"2026-11-29T06:00:00Z\","
                + "\"IssuanceTime\":\"2026-11-29T05:00:00Z\",\"VerificationInfo\":\"Success\"},"
                + "\"AssumedRoleUser\":{\"AssumedRoleId\":\""
                + assumedRoleId
                + "\",\"Arn\":\""
                + ROLE_ARN
                + "/uploader@pod-1\"},"
                + "\"Credentials\":{\"AccessKeyId\":\""
                + c.accessKeyId()
                + "\",\"AccessKeySecret\":\""
                + c.accessKeySecret()
                + "\",\"SecurityToken\":\""
                + c.securityToken()
                + "\","
                + "\"Expiration\":\"2026-11-29T05:15:00Z\"}}");
    assertThat(sts.lookup(c.accessKeyId())).contains(c);
    assertThat(c.toString()).doesNotContain(c.accessKeySecret()).doesNotContain(c.securityToken());
  }

  @Test
  void acceptsEverythingInTheQueryWithGet() {
    Map<String, String> q = common();
    q.put("OIDCToken", tokens.mint("storage", "uploader"));
    q.remove("DurationSeconds");

    AggregatedHttpResponse res = client.get("/?" + encode(q));

    assertThat(res.status().code()).isEqualTo(200);
    assertThat(sts.issued().get(0).expiration()).isEqualTo(START.plusSeconds(3600));
    assertThat(sts.requests().get(0).method()).isEqualTo("GET");
  }

  @Test
  void recordsQueryAndFormSeparately() {
    String token = tokens.mint("storage", "uploader");
    postWithToken(common(), token);

    RecordedStsRequest r = sts.requests().get(0);
    assertThat(r.query()).containsEntry("RoleArn", ROLE_ARN).doesNotContainKey("OIDCToken");
    assertThat(r.form()).containsOnlyKeys("OIDCToken");
    assertThat(r.params()).containsEntry("OIDCToken", token);
    assertThat(r.toString()).doesNotContain(token);
  }

  @Test
  void tokenExpiryFollowsTheClock() {
    String token = tokens.mint("storage", "uploader");
    clock.advance(Duration.ofHours(1));

    AggregatedHttpResponse res = postWithToken(common(), token);

    assertThat(res.status().code()).isEqualTo(401);
    assertThat(res.contentUtf8())
        .isEqualTo(
            errorBody(
                requestId(res.contentUtf8()),
                "AuthenticationFail.OIDCToken.Expired",
                "This JsonWebToken is expired."));
  }

  @Test
  void expirationOffsetShiftsIssuedExpiration() {
    sts.expirationOffset(Duration.ofMinutes(-10));
    postWithToken(common(), tokens.mint("storage", "uploader"));
    assertThat(sts.issued().get(0).expiration()).isEqualTo(START.plusSeconds(900 - 600));
  }
}
