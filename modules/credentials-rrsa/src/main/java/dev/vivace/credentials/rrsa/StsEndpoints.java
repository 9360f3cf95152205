package dev.vivace.credentials.rrsa;

import static dev.vivace.credentials.rrsa.RrsaConfig.nonBlank;

import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Endpoint precedence: builder endpoint, builder region, {@code ALIBABA_CLOUD_STS_ENDPOINT}, {@code
 * ALIBABA_CLOUD_STS_REGION} (+ {@code ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED}), then {@code
 * sts.aliyuncs.com}.
 */
final class StsEndpoints {

  static StsEndpoint resolve(
      RrsaCredentialsProviderBuilder b, Function<String, @Nullable String> env) {
    if (b.stsEndpoint != null) {
      return StsEndpoint.parse(b.stsEndpoint, "stsEndpoint", b.allowHttp);
    }
    if (b.stsRegion != null) {
      return StsEndpoint.forRegion(b.stsRegion, vpc(b, env));
    }
    String endpoint = nonBlank(env.apply(RrsaEnvironment.STS_ENDPOINT));
    if (endpoint != null) {
      return StsEndpoint.parse(endpoint, RrsaEnvironment.STS_ENDPOINT, b.allowHttp);
    }
    String region = nonBlank(env.apply(RrsaEnvironment.STS_REGION));
    if (region != null) {
      return StsEndpoint.forRegion(region, vpc(b, env));
    }
    return StsEndpoint.CENTRAL;
  }

  static @Nullable String region(
      RrsaCredentialsProviderBuilder b, Function<String, @Nullable String> env) {
    return b.stsRegion != null ? b.stsRegion : nonBlank(env.apply(RrsaEnvironment.STS_REGION));
  }

  private static boolean vpc(
      RrsaCredentialsProviderBuilder b, Function<String, @Nullable String> env) {
    if (b.vpcEndpoint != null) {
      return b.vpcEndpoint;
    }
    return Boolean.parseBoolean(nonBlank(env.apply(RrsaEnvironment.VPC_ENDPOINT_ENABLED)));
  }

  private StsEndpoints() {}
}
