package dev.vivace.testing.sts;

import static java.util.Objects.requireNonNull;

import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServerBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * An in-process Alibaba Cloud STS that answers {@code AssumeRoleWithOIDC} as spec section 2.9
 * describes: merges query and form parameters, validates in STS's order (action, required
 * parameters, session name, duration, policy, JWT shape, RS256 signature against the JWKS, expiry,
 * audience, provider and issuer, role and trust), issues fresh credentials and answers with the
 * documented JSON. Faults can be injected; every request and every issued credential is recorded.
 */
public final class StsEmulator {

  public static StsEmulatorBuilder builder() {
    return new StsEmulatorBuilder();
  }

  final Map<String, String> providerIssuers;
  final Map<String, RoleTrust> roles;
  final JwtVerifier verifier;
  final int maxSessionDurationSeconds;
  final Duration slowness;
  final String hostId;
  final Clock clock;

  private final List<RecordedStsRequest> requests = new CopyOnWriteArrayList<>();
  private final Map<String, IssuedCredentials> issued = new ConcurrentHashMap<>();
  private final List<IssuedCredentials> issuedInOrder = new CopyOnWriteArrayList<>();
  private final Deque<StsFault> nextFaults = new ArrayDeque<>();
  private @Nullable StsFault outage;
  private volatile Duration expirationOffset = Duration.ZERO;

  StsEmulator(StsEmulatorBuilder b) {
    providerIssuers = Map.copyOf(b.providerIssuers);
    roles = Map.copyOf(b.roles);
    verifier = new JwtVerifier(b.keys);
    maxSessionDurationSeconds = b.maxSessionDurationSeconds;
    slowness = b.slowness;
    hostId = b.hostId;
    clock = b.clock;
  }

  /** The service; bind it under {@code /}. */
  public HttpService service() {
    return new StsService(this);
  }

  /**
   * Binds the service under {@code /} without a request timeout, so that {@link StsFault#SLOW} can
   * be slow.
   */
  public void configure(ServerBuilder sb) {
    sb.route().pathPrefix("/").requestTimeout(Duration.ZERO).build(service());
  }

  /** The next {@code times} requests fail with {@code fault}. */
  public synchronized void failNext(StsFault fault, int times) {
    requireNonNull(fault, "fault");
    for (int i = 0; i < times; i++) {
      nextFaults.add(fault);
    }
  }

  /** Every request fails with {@code fault} until {@link #recover()}. */
  public synchronized void outage(StsFault fault) {
    this.outage = requireNonNull(fault, "fault");
  }

  /** Clears the outage and pending faults. */
  public synchronized void recover() {
    outage = null;
    nextFaults.clear();
  }

  /** Shifts the {@code Expiration} of issued credentials, to mimic a clock difference with STS. */
  public void expirationOffset(Duration offset) {
    this.expirationOffset = requireNonNull(offset, "offset");
  }

  /** Requests in arrival order. */
  public List<RecordedStsRequest> requests() {
    return List.copyOf(requests);
  }

  /** Credentials issued, in order. */
  public List<IssuedCredentials> issued() {
    return List.copyOf(issuedInOrder);
  }

  /** What was issued for {@code accessKeyId}, for an OSS emulator checking signatures. */
  public Optional<IssuedCredentials> lookup(String accessKeyId) {
    return Optional.ofNullable(issued.get(accessKeyId));
  }

  /** Forgets requests, issued credentials, faults and the expiration offset. */
  public synchronized void reset() {
    requests.clear();
    issued.clear();
    issuedInOrder.clear();
    recover();
    expirationOffset = Duration.ZERO;
  }

  synchronized @Nullable StsFault takeFault() {
    StsFault next = nextFaults.poll();
    return next != null ? next : outage;
  }

  void record(RecordedStsRequest request) {
    requests.add(request);
  }

  void remember(IssuedCredentials c) {
    issued.put(c.accessKeyId(), c);
    issuedInOrder.add(c);
  }

  Duration expirationOffset() {
    return expirationOffset;
  }

  @Override
  public String toString() {
    return "StsEmulator{providers=" + providerIssuers.keySet() + ", roles=" + roles.keySet() + "}";
  }
}
