package dev.vivace.credentials.rrsa;

import static java.util.Objects.requireNonNull;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.exceptions.ServerException;
import com.aliyuncs.http.HttpClientConfig;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import com.aliyuncs.sts.model.v20150401.AssumeRoleWithOIDCRequest;
import com.aliyuncs.sts.model.v20150401.AssumeRoleWithOIDCResponse;
import javax.net.ssl.HttpsURLConnection;
import org.jspecify.annotations.Nullable;

/**
 * Calls STS anonymously through aliyun-java-sdk-sts in compatible (HttpURLConnection) mode, with
 * the OIDC token and the policy in the form body so that they never appear in a URL.
 */
final class AliyunStsExchange implements StsExchange {

  private static final String DEFAULT_PROFILE_REGION = "cn-hangzhou";

  private final RrsaConfig config;
  private @Nullable DefaultAcsClient client;

  AliyunStsExchange(RrsaConfig config) {
    this.config = requireNonNull(config, "config");
  }

  @Override
  public StsCredentials exchange(String oidcToken) throws StsCallException {
    BodyRequest request = new BodyRequest(oidcToken, config.policy());
    request.setSysEndpoint(config.endpoint().hostAndPort());
    request.setSysProtocol(config.endpoint().https() ? ProtocolType.HTTPS : ProtocolType.HTTP);
    request.setSysConnectTimeout((int) config.connectTimeout().toMillis());
    request.setSysReadTimeout((int) config.readTimeout().toMillis());
    request.setRoleArn(config.roleArn());
    request.setOIDCProviderArn(config.oidcProviderArn());
    request.setRoleSessionName(config.roleSessionName());
    request.setDurationSeconds((long) config.durationSeconds());
    AssumeRoleWithOIDCResponse response;
    try {
      response = client().getAcsResponse(request);
    } catch (ServerException e) {
      throw failure(e, true);
    } catch (ClientException e) {
      throw failure(e, false);
    } catch (RuntimeException e) {
      throw new StsCallException(
          ErrorClass.TRANSIENT,
          "Response.Unreadable",
          null,
          "STS AssumeRoleWithOIDC at "
              + endpoint()
              + " returned a response that could not be read ("
              + e.getClass().getSimpleName()
              + "); "
              + ErrorClass.TRANSIENT.hint());
    }
    return StsResponses.credentials(response, endpoint());
  }

  @Override
  public String endpoint() {
    return config.endpoint().toString();
  }

  @Override
  public synchronized void close() {
    if (client != null) {
      client.shutdown();
      client = null;
    }
  }

  private synchronized DefaultAcsClient client() {
    if (client == null) {
      String region = config.stsRegion() != null ? config.stsRegion() : DEFAULT_PROFILE_REGION;
      DefaultProfile profile = DefaultProfile.getProfile(region); // no credential: anonymous calls
      HttpClientConfig http = HttpClientConfig.getDefault();
      http.setCompatibleMode(true);
      // The JDK's verifier: without one, the SDK builds Apache HttpClient 4's for every https
      // call, and that library is not on the class path.
      http.setHostnameVerifier(HttpsURLConnection.getDefaultHostnameVerifier());
      http.setConnectionTimeoutMillis(config.connectTimeout().toMillis());
      http.setReadTimeoutMillis(config.readTimeout().toMillis());
      profile.setHttpClientConfig(http);
      client = new DefaultAcsClient(profile);
    }
    return client;
  }

  private StsCallException failure(ClientException e, boolean serverError) {
    if (e.getErrCode() == null) {
      // In compatible mode a response the SDK cannot parse (e.g. no Content-Type) yields no code,
      // and the
      // exception text holds the whole body, which may carry credentials: none of it is used.
      return new StsCallException(
          ErrorClass.TRANSIENT,
          "Response.Unreadable",
          null,
          "STS AssumeRoleWithOIDC at "
              + endpoint()
              + " returned a response that could not be parsed (body not"
              + " shown); "
              + ErrorClass.TRANSIENT.hint());
    }
    String code = e.getErrCode();
    ErrorClass errorClass = ErrorClass.of(code, serverError);
    String requestId = e.getRequestId() == null ? "none" : e.getRequestId();
    String message =
        "STS AssumeRoleWithOIDC at "
            + endpoint()
            + " failed: code="
            + code
            + ", requestId="
            + requestId
            + ", message="
            + Redaction.scrub(e.getErrMsg())
            + causeSummary(e)
            + "; "
            + errorClass.hint();
    return new StsCallException(errorClass, code, e.getRequestId(), message);
  }

  private static String causeSummary(Throwable e) {
    Throwable cause = e.getCause();
    return cause == null ? "" : " (cause: " + cause.getClass().getName() + ")";
  }

  /** Sends the OIDC token and the policy as form parameters instead of query parameters. */
  static final class BodyRequest extends AssumeRoleWithOIDCRequest {
    BodyRequest(String oidcToken, @Nullable String policy) {
      putBodyParameter("OIDCToken", oidcToken);
      if (policy != null) {
        putBodyParameter("Policy", policy);
      }
    }
  }
}
