package dev.vivace.testing.s3;

import static java.util.Objects.requireNonNull;

import dev.vivace.testing.sts.IssuedCredentials;
import dev.vivace.testing.sts.StsEmulator;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The state of an in-process S3 server: which credentials it accepts, which buckets exist, the
 * faults to inject and the requests seen. Run it with {@link S3EmulatorExtension}.
 *
 * <p>Credentials are accepted only if they are configured statically or were issued by the STS
 * emulator and have not expired by {@link S3EmulatorBuilder#clock(Clock)}; STS credentials must
 * come with their own security token, signed. s3proxy verifies every SigV4 signature (and hex
 * payload hash) with the secret looked up here.
 */
public final class S3Emulator {

  /**
   * The host clients use (with the extension's port); {@code <bucket>.s3.emulator.test} is
   * virtual-hosted.
   */
  public static final String HOST = "s3.emulator.test";

  public static S3EmulatorBuilder builder() {
    return new S3EmulatorBuilder();
  }

  final @Nullable StsEmulator sts;
  final Map<String, String> staticCredentials;
  final Set<String> buckets;
  final Clock clock;
  final boolean strict;

  private final Deque<S3Fault> faults = new ArrayDeque<>();
  private final Set<String> revoked = ConcurrentHashMap.newKeySet();
  private final List<RecordedS3Request> requests = new ArrayList<>(); // guarded by itself

  S3Emulator(S3EmulatorBuilder b) {
    sts = b.sts;
    staticCredentials = Map.copyOf(b.staticCredentials);
    buckets = Set.copyOf(b.buckets);
    clock = b.clock;
    strict = b.strict;
  }

  /** The next {@code times} requests are answered with {@code fault} instead of being served. */
  public synchronized void failNext(S3Fault fault, int times) {
    requireNonNull(fault, "fault");
    for (int i = 0; i < times; i++) {
      faults.add(fault);
    }
  }

  /** From now on, requests signed with {@code accessKeyId} get 403 {@code InvalidAccessKeyId}. */
  public void revoke(String accessKeyId) {
    revoked.add(requireNonNull(accessKeyId, "accessKeyId"));
  }

  /** Requests seen, in arrival order. */
  public List<RecordedS3Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** Forgets recorded requests, pending faults and revocations. */
  public synchronized void reset() {
    synchronized (requests) {
      requests.clear();
    }
    faults.clear();
    revoked.clear();
  }

  synchronized @Nullable S3Fault takeFault() {
    return faults.poll();
  }

  void record(RecordedS3Request request) {
    synchronized (requests) {
      requests.add(request);
    }
  }

  boolean isRevoked(String accessKeyId) {
    return revoked.contains(accessKeyId);
  }

  Optional<IssuedCredentials> issued(String accessKeyId) {
    return sts == null ? Optional.empty() : sts.lookup(accessKeyId);
  }

  boolean isExpired(IssuedCredentials c) {
    return !clock.instant().isBefore(c.expiration());
  }

  /**
   * The secret s3proxy verifies signatures with, or null if the key is unknown, revoked or expired.
   */
  @Nullable String secretFor(String accessKeyId) {
    String fixed = staticCredentials.get(accessKeyId);
    if (fixed != null) {
      return fixed;
    }
    if (isRevoked(accessKeyId)) {
      return null;
    }
    return issued(accessKeyId)
        .filter(c -> !isExpired(c))
        .map(IssuedCredentials::accessKeySecret)
        .orElse(null);
  }

  @Override
  public String toString() {
    return "S3Emulator{buckets="
        + buckets
        + ", staticKeys="
        + staticCredentials.keySet()
        + ", sts="
        + (sts != null)
        + ", strict="
        + strict
        + "}";
  }
}
