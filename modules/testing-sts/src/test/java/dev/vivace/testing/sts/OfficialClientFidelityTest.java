package dev.vivace.testing.sts;

import static dev.vivace.testing.sts.StsFixtures.PROVIDER_ARN;
import static dev.vivace.testing.sts.StsFixtures.ROLE_ARN;
import static dev.vivace.testing.sts.StsFixtures.START;
import static dev.vivace.testing.sts.StsFixtures.SUBJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.exceptions.ServerException;
import com.aliyuncs.http.HttpClientConfig;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import com.aliyuncs.sts.model.v20150401.AssumeRoleWithOIDCRequest;
import com.aliyuncs.sts.model.v20150401.AssumeRoleWithOIDCResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official aliyun-java-sdk-sts client, unmodified, gets credentials from the emulator: in its
 * default mode (Apache HttpClient, every parameter in the query string) and in compatible mode
 * (HttpURLConnection, every parameter in the form body). Its own parsing is the check that the
 * emulator's JSON has the real shape.
 */
class OfficialClientFidelityTest {

  static final MutableClock clock = new MutableClock(START);
  static final OidcTokens tokens = OidcTokens.generate(clock);
  static final StsEmulator sts = StsFixtures.emulator(tokens, clock);

  @RegisterExtension static final StsEmulatorExtension server = new StsEmulatorExtension(sts);

  @BeforeEach
  void setUp() {
    sts.reset();
  }

  static DefaultAcsClient client(boolean compatibleMode) {
    DefaultProfile profile = DefaultProfile.getProfile("cn-hangzhou");
    HttpClientConfig config = HttpClientConfig.getDefault();
    config.setCompatibleMode(compatibleMode);
    profile.setHttpClientConfig(config);
    return new DefaultAcsClient(profile);
  }

  AssumeRoleWithOIDCRequest request(String token) {
    AssumeRoleWithOIDCRequest req = new AssumeRoleWithOIDCRequest();
    req.setSysEndpoint(server.endpoint());
    req.setSysProtocol(ProtocolType.HTTP);
    req.setRoleArn(ROLE_ARN);
    req.setOIDCProviderArn(PROVIDER_ARN);
    req.setRoleSessionName("fidelity-test");
    req.setDurationSeconds(1800L);
    req.setOIDCToken(token);
    return req;
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void officialClientObtainsCredentials(boolean compatibleMode) throws Exception {
    AssumeRoleWithOIDCResponse res =
        client(compatibleMode).getAcsResponse(request(tokens.mint("storage", "uploader")));

    IssuedCredentials issued = sts.issued().get(0);
    assertThat(res.getCredentials().getAccessKeyId()).isEqualTo(issued.accessKeyId());
    assertThat(res.getCredentials().getAccessKeySecret()).isEqualTo(issued.accessKeySecret());
    assertThat(res.getCredentials().getSecurityToken()).isEqualTo(issued.securityToken());
    assertThat(res.getCredentials().getExpiration()).isEqualTo("2026-11-29T05:30:00Z");
    assertThat(res.getRequestId()).matches("[0-9A-F-]{36}");
    assertThat(res.getAssumedRoleUser().getArn()).isEqualTo(ROLE_ARN + "/fidelity-test");
    assertThat(res.getOIDCTokenInfo().getSubject()).isEqualTo(SUBJECT);
    assertThat(res.getOIDCTokenInfo().getClientIds()).isEqualTo("sts.aliyuncs.com");
    assertThat(res.getOIDCTokenInfo().getExpirationTime()).isEqualTo("2026-11-29T06:00:00Z");
    RecordedStsRequest wire = sts.requests().get(0);
    assertThat(wire.method()).isEqualTo("POST");
    assertThat(wire.params())
        .doesNotContainKeys("Signature", "AccessKeyId")
        .containsEntry("SignatureMethod", "HMAC-SHA1");
    if (compatibleMode) {
      assertThat(wire.query()).isEmpty();
      assertThat(wire.form()).containsKey("OIDCToken");
    } else {
      assertThat(wire.query()).containsKey("OIDCToken");
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void officialClientSeesErrorCodes(boolean compatibleMode) {
    DefaultAcsClient client = client(compatibleMode);
    sts.failNext(StsFault.INTERNAL_ERROR, 1);
    assertThatThrownBy(() -> client.getAcsResponse(request(tokens.mint("storage", "uploader"))))
        .isInstanceOfSatisfying(
            ServerException.class,
            e -> {
              assertThat(e.getErrCode()).isEqualTo("InternalError");
              assertThat(e.getRequestId()).matches("[0-9A-F-]{36}");
            });
    assertThatThrownBy(() -> client.getAcsResponse(request(tokens.mint("storage", "nobody"))))
        .isInstanceOfSatisfying(
            ClientException.class,
            e -> {
              assertThat(e).isNotInstanceOf(ServerException.class);
              assertThat(e.getErrCode()).isEqualTo("AuthenticationFail.NoPermission");
              assertThat(e.getErrMsg()).isEqualTo("There is no permission.");
            });
    sts.failNext(StsFault.THROTTLING, 1);
    assertThatThrownBy(() -> client.getAcsResponse(request(tokens.mint("storage", "uploader"))))
        .isInstanceOfSatisfying(
            ClientException.class, e -> assertThat(e.getErrCode()).isEqualTo("Throttling.User"));
  }

  /**
   * Without a Content-Type the default mode fails with an {@code SDK.*} code; compatible mode fails
   * with no code at all and copies the whole response body, secrets included, into the exception
   * message.
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void responseWithoutContentTypeIsAClientError(boolean compatibleMode) {
    sts.failNext(StsFault.NO_CONTENT_TYPE, 1);
    DefaultAcsClient client = client(compatibleMode);
    assertThatThrownBy(() -> client.getAcsResponse(request(tokens.mint("storage", "uploader"))))
        .isInstanceOfSatisfying(
            ClientException.class,
            e -> {
              if (compatibleMode) {
                assertThat(e.getErrCode()).isNull();
                assertThat(e.getMessage())
                    .contains("bad format type")
                    .contains(sts.issued().get(0).accessKeySecret());
              } else {
                assertThat(e.getErrCode()).isEqualTo("SDK.RequestTryOrRetryFailed");
              }
            });
  }
}
