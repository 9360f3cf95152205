package dev.vivace.server.config;

import java.net.InetSocketAddress;

/** {@code host:port} listener addresses as Tempo's receivers write them. */
public final class Endpoints {

  static boolean isValid(String endpoint) {
    try {
      parse(endpoint);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Parses {@code host:port}; an empty host or {@code 0.0.0.0} means every interface.
   *
   * @throws IllegalArgumentException when it is not {@code host:port}
   */
  public static InetSocketAddress parse(String endpoint) {
    int colon = endpoint.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("endpoint: " + endpoint + " (expected: host:port)");
    }
    String host = endpoint.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(endpoint.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("endpoint: " + endpoint + " (expected: host:port)");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("endpoint: " + endpoint + " (expected: port 0 to 65535)");
    }
    return host.isEmpty()
        ? new InetSocketAddress(port)
        : InetSocketAddress.createUnresolved(host, port);
  }

  private Endpoints() {}
}
