package dev.vivace.storage.s3;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.regions.Region;

/**
 * Turns {@code endpoint}, {@code insecure}, {@code region} and {@code forcepathstyle} into what the
 * SDK needs, with the OSS rules of spec section 5.1: OSS endpoints ({@code
 * [s3.]oss-<region>[-internal].aliyuncs.com}, {@code [s3.]oss-accelerate.aliyuncs.com}) are signed
 * with the {@code us-east-1} scope (the one verified value; the Alibaba sample uses {@code
 * aws-global}, which gives the same scope) and use virtual-hosted addressing.
 */
final class S3Endpoints {

  private static final Pattern OSS_HOST =
      Pattern.compile("(s3\\.)?oss-[a-z0-9-]+\\.aliyuncs\\.com", Pattern.CASE_INSENSITIVE);

  /** The endpoint override (null for AWS by region), the signing region, and the addressing. */
  record Resolved(@Nullable URI uri, Region region, boolean oss, boolean pathStyle) {}

  static Resolved resolve(
      String endpoint, boolean insecure, String region, boolean forcePathStyle) {
    URI uri = endpoint.isEmpty() ? null : parse(endpoint, insecure);
    boolean oss = uri != null && isOss(uri.getHost());
    Region signing;
    if (oss) {
      signing = Region.AWS_GLOBAL;
    } else if (!region.isEmpty()) {
      signing = Region.of(region);
    } else {
      signing =
          Region.US_EAST_1; // a custom endpoint without region: the usual S3-compatible default
    }
    return new Resolved(uri, signing, oss, forcePathStyle);
  }

  static boolean isOss(String host) {
    return OSS_HOST.matcher(host).matches();
  }

  private static URI parse(String endpoint, boolean insecure) {
    String withScheme =
        endpoint.contains("://") ? endpoint : (insecure ? "http://" : "https://") + endpoint;
    URI uri;
    try {
      uri = new URI(withScheme);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "endpoint: " + endpoint + " (expected: host[:port] or http(s)://host[:port])");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean pathless =
        uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
    if (uri.getHost() == null
        || !(scheme.equals("http") || scheme.equals("https"))
        || !pathless
        || uri.getRawQuery() != null
        || uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "endpoint: " + endpoint + " (expected: host[:port] or http(s)://host[:port])");
    }
    return URI.create(scheme + "://" + uri.getRawAuthority());
  }

  private S3Endpoints() {}
}
