package dev.vivace.testing.s3;

import static java.util.Objects.requireNonNull;

import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.SessionProtocol;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.testing.junit5.server.ServerExtension;
import java.net.URI;
import java.time.Duration;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.TransientApiMetadata;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs an {@link S3Emulator}: s3proxy on an ephemeral loopback port with an in-memory store and
 * SigV4 checks, behind an Armeria front on another loopback port. Clients talk to {@link
 * #endpoint()}, whose host {@link S3Emulator#HOST} (and {@code <bucket>.}{@link S3Emulator#HOST}
 * for virtual-hosted addressing) they must resolve to 127.0.0.1 themselves, for example with a DNS
 * resolver hook of their HTTP client.
 */
public final class S3EmulatorExtension extends ServerExtension {

  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private final S3Emulator emulator;
  private @Nullable S3Proxy proxy;
  private @Nullable BlobStoreContext context;

  public S3EmulatorExtension(S3Emulator emulator) {
    this.emulator = requireNonNull(emulator, "emulator");
  }

  public S3Emulator emulator() {
    return emulator;
  }

  /** {@code http://s3.emulator.test:<port>}. */
  public URI endpoint() {
    return URI.create("http://" + S3Emulator.HOST + ":" + httpPort());
  }

  @Override
  public void before(ExtensionContext ctx) throws Exception {
    startProxy();
    super.before(ctx);
  }

  @Override
  public void after(ExtensionContext ctx) throws Exception {
    try {
      super.after(ctx);
    } finally {
      stopProxy();
    }
  }

  @Override
  protected void configure(ServerBuilder sb) {
    S3Proxy p = requireNonNull(proxy, "proxy");
    WebClient backend =
        WebClient.builder("http://127.0.0.1:" + p.getPort())
            .responseTimeout(TIMEOUT)
            .maxResponseLength(0)
            .build();
    sb.localPort(0, SessionProtocol.HTTP)
        .maxRequestLength(0)
        .requestTimeout(TIMEOUT)
        .service("prefix:/", new FrontService(emulator, backend));
  }

  private void startProxy() throws Exception {
    BlobStoreContext c =
        ContextBuilder.newBuilder(new TransientApiMetadata()).build(BlobStoreContext.class);
    BlobStore store = c.getBlobStore();
    for (String bucket : emulator.buckets) {
      store.createContainerInLocation(null, bucket);
    }
    // The single identity here is never used: the locator replaces it with per-key lookups.
    S3Proxy p =
        S3Proxy.builder()
            .blobStore(store)
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V4, "unused-identity", "unused-credential")
            .ignoreUnknownHeaders(
                true) // x-amz-security-token and other headers s3proxy does not list
            .virtualHost(S3Emulator.HOST)
            .jettyMaxThreads(32)
            .build();
    p.setBlobStoreLocator(new CredentialLocator(emulator, store));
    p.start();
    context = c;
    proxy = p;
  }

  private void stopProxy() throws Exception {
    S3Proxy p = proxy;
    proxy = null;
    try {
      if (p != null) {
        p.stop();
      }
    } finally {
      BlobStoreContext c = context;
      context = null;
      if (c != null) {
        c.close();
      }
    }
  }
}
