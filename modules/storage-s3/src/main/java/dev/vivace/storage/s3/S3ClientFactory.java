package dev.vivace.storage.s3;

import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * Builds the sync {@link S3Client} with the settings of spec section 5.3 that work with OSS:
 * checksums only when an operation requires them (no {@code aws-chunked} or trailer uploads, no GET
 * checksum headers), chunked encoding off, virtual-hosted addressing unless {@code forcepathstyle},
 * an explicit region and credentials provider (never the SDK's default chains), Apache HttpClient 5
 * with explicit timeouts, and the standard retry strategy (exponential backoff with jitter on 5xx
 * and throttling).
 */
final class S3ClientFactory {

  static S3Client create(
      S3Config config,
      AwsCredentialsProvider credentials,
      Consumer<Apache5HttpClient.Builder> httpCustomizer,
      Consumer<ClientOverrideConfiguration.Builder> overrideCustomizer) {
    S3Endpoints.Resolved endpoint =
        S3Endpoints.resolve(
            config.endpoint(), config.insecure(), config.region(), config.forcePathStyle());
    Apache5HttpClient.Builder http =
        Apache5HttpClient.builder()
            .connectionTimeout(config.connectTimeout())
            .socketTimeout(config.requestTimeout());
    httpCustomizer.accept(http);
    ClientOverrideConfiguration.Builder override =
        ClientOverrideConfiguration.builder()
            .retryStrategy(
                AwsRetryStrategy.standardRetryStrategy().toBuilder()
                    .maxAttempts(config.maxAttempts())
                    .build())
            .apiCallAttemptTimeout(config.requestTimeout())
            .apiCallTimeout(config.apiCallTimeout());
    overrideCustomizer.accept(override);
    S3ClientBuilder builder =
        S3Client.builder()
            .httpClientBuilder(http)
            .region(endpoint.region())
            .credentialsProvider(credentials)
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .serviceConfiguration(
                S3Configuration.builder()
                    .pathStyleAccessEnabled(endpoint.pathStyle())
                    .chunkedEncodingEnabled(false)
                    .build())
            .overrideConfiguration(override.build());
    if (endpoint.uri() != null) {
      builder.endpointOverride(endpoint.uri());
    }
    return builder.build();
  }

  private S3ClientFactory() {}
}
