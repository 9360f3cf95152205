package dev.vivace.storage.s3;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import org.apache.hc.client5.http.DnsResolver;

/**
 * Resolves {@code *.emulator.test} (the S3 emulator's host and its virtual-hosted bucket hosts) to
 * 127.0.0.1 and refuses every other name, so tests never look anything up outside the machine (spec
 * section 5.6).
 */
final class LoopbackDns implements DnsResolver {

  static final LoopbackDns INSTANCE = new LoopbackDns();

  @Override
  public InetAddress[] resolve(String host) throws UnknownHostException {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("127.0.0.1") || h.equals("emulator.test") || h.endsWith(".emulator.test")) {
      return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
    }
    throw new UnknownHostException(host + " (tests resolve only *.emulator.test)");
  }

  @Override
  public String resolveCanonicalHostname(String host) throws UnknownHostException {
    resolve(host);
    return host;
  }
}
