package dev.vivace.credentials.rrsa;

/**
 * The environment variables the provider reads. They are the names the ACK pod-identity webhook
 * injects and the official Alibaba Cloud SDKs honour. Every value can be overridden through {@link
 * RrsaCredentialsProviderBuilder}; an explicit builder value always wins over the environment.
 */
public final class RrsaEnvironment {

  /** Required. The RAM role to assume, {@code acs:ram::<account-id>:role/<role-name>}. */
  public static final String ROLE_ARN = "ALIBABA_CLOUD_ROLE_ARN";

  /** Required. The RAM OIDC provider, {@code acs:ram::<account-id>:oidc-provider/<name>}. */
  public static final String OIDC_PROVIDER_ARN = "ALIBABA_CLOUD_OIDC_PROVIDER_ARN";

  /** Required. Path of the projected service-account token; re-read for every exchange. */
  public static final String OIDC_TOKEN_FILE = "ALIBABA_CLOUD_OIDC_TOKEN_FILE";

  /** Optional. The role session name; sanitised to {@code [A-Za-z0-9.@_-]{2,64}}. */
  public static final String ROLE_SESSION_NAME = "ALIBABA_CLOUD_ROLE_SESSION_NAME";

  /** Optional. STS host ({@code host[:port]} or {@code https://host[:port]}). */
  public static final String STS_ENDPOINT = "ALIBABA_CLOUD_STS_ENDPOINT";

  /** Optional. STS region; used to derive {@code sts[-vpc].<region>.aliyuncs.com}. */
  public static final String STS_REGION = "ALIBABA_CLOUD_STS_REGION";

  /**
   * Optional. {@code true} selects the {@code sts-vpc.<region>} endpoint when only a region is set.
   */
  public static final String VPC_ENDPOINT_ENABLED = "ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED";

  /**
   * Read only to refuse it: the Alibaba core SDK disables TLS verification when this is {@code
   * YES}.
   */
  public static final String CORE_IGNORE_SSL = "ALIBABACLOUD_JAVA_CORE_INGNORE_SSL";

  /** Used for the default role session name. */
  static final String HOSTNAME = "HOSTNAME";

  private RrsaEnvironment() {}
}
