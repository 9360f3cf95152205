package dev.vivace.testing.sts;

import static java.util.Objects.requireNonNull;

import com.linecorp.armeria.common.SessionProtocol;
import com.linecorp.armeria.common.TlsKeyPair;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.testing.junit5.server.ServerExtension;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** Runs an {@link StsEmulator} on a loopback port, over HTTP or HTTPS, for a test class. */
public final class StsEmulatorExtension extends ServerExtension {

  private final StsEmulator emulator;
  private final @Nullable Supplier<TlsKeyPair> tls;

  /** Plain HTTP on 127.0.0.1. */
  public StsEmulatorExtension(StsEmulator emulator) {
    this(emulator, null);
  }

  /**
   * HTTPS on the loopback interface with the key pair {@code tls} supplies when the server starts
   * (for example from an armeria-junit5 {@code SelfSignedCertificateExtension} registered before
   * this one).
   */
  public StsEmulatorExtension(StsEmulator emulator, @Nullable Supplier<TlsKeyPair> tls) {
    this.emulator = requireNonNull(emulator, "emulator");
    this.tls = tls;
  }

  @Override
  protected void configure(ServerBuilder sb) {
    if (tls != null) {
      sb.tls(tls.get());
      sb.localPort(0, SessionProtocol.HTTPS);
    } else {
      sb.localPort(0, SessionProtocol.HTTP);
    }
    emulator.configure(sb);
  }

  public StsEmulator emulator() {
    return emulator;
  }

  /** The bound port. */
  public int port() {
    return tls != null ? httpsPort() : httpPort();
  }

  /** {@code 127.0.0.1:<port>}, the form the Alibaba SDK's {@code setSysEndpoint} takes. */
  public String endpoint() {
    return "127.0.0.1:" + port();
  }
}
