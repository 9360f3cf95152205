package dev.vivace.credentials.rrsa;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.regex.Pattern;

/** Where STS is called: scheme plus {@code host[:port]}. */
record StsEndpoint(boolean https, String hostAndPort) {

  static final StsEndpoint CENTRAL = new StsEndpoint(true, "sts.aliyuncs.com");

  private static final Pattern HOST_AND_PORT =
      Pattern.compile("^(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?$");

  StsEndpoint {
    requireNonNull(hostAndPort, "hostAndPort");
  }

  /**
   * Parses {@code host[:port]} or {@code http(s)://host[:port][/]}. {@code source} names where the
   * value came from so that the error says what to fix.
   */
  static StsEndpoint parse(String value, String source, boolean allowHttp) {
    requireNonNull(value, "value");
    String v = value.strip();
    boolean https = true;
    String lower = v.toLowerCase(Locale.ROOT);
    if (lower.startsWith("https://")) {
      v = v.substring("https://".length());
    } else if (lower.startsWith("http://")) {
      if (!allowHttp) {
        throw new IllegalArgumentException(
            source
                + ": "
                + value
                + " (expected: an https endpoint; plain http is only allowed after"
                + " RrsaCredentialsProviderBuilder.allowHttp(true), for tests)");
      }
      https = false;
      v = v.substring("http://".length());
    }
    if (v.endsWith("/")) {
      v = v.substring(0, v.length() - 1);
    }
    if (!HOST_AND_PORT.matcher(v).matches()) {
      throw new IllegalArgumentException(
          source
              + ": "
              + value
              + " (expected: host[:port] or https://host[:port], e.g."
              + " sts-vpc.cn-hangzhou.aliyuncs.com)");
    }
    return new StsEndpoint(https, v);
  }

  /**
   * The regional host: {@code sts-vpc.<region>.aliyuncs.com} or {@code sts.<region>.aliyuncs.com}.
   */
  static StsEndpoint forRegion(String region, boolean vpc) {
    String r = region.strip();
    if (!r.matches("[a-z0-9-]+")) {
      throw new IllegalArgumentException(
          "stsRegion: " + region + " (expected: a region id such as cn-hangzhou)");
    }
    return new StsEndpoint(true, (vpc ? "sts-vpc." : "sts.") + r + ".aliyuncs.com");
  }

  @Override
  public String toString() {
    return (https ? "https://" : "http://") + hostAndPort;
  }
}
