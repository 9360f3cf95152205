package dev.vivace.credentials.rrsa;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The single-flight refresh state machine of spec section 4.2. Reads are lock-free; at most one
 * exchange is in flight; every outcome schedules the next attempt (refresh time after a success,
 * backoff after a failure). The backoff is shared: while it runs, callers get the cached
 * credentials if still valid, or the last failure at once, and start no exchange of their own.
 */
final class CredentialsRefresher implements AutoCloseable {

  private static final Logger logger = LoggerFactory.getLogger(RrsaCredentialsProvider.class);

  private final OidcTokenFile tokenFile;
  private final StsExchange sts;
  private final RefreshScheduler scheduler;
  private final RefreshPolicy policy;
  private final Object lock = new Object();

  private volatile @Nullable Snapshot current;
  private volatile boolean closed;
  // Guarded by lock.
  private @Nullable CompletableFuture<Snapshot> inFlight;
  private RefreshScheduler.@Nullable Cancellable timer;
  private final FailureState failures = new FailureState();
  private @Nullable Instant lastSuccessAt;
  private @Nullable Instant lastInvalidateAt;

  CredentialsRefresher(
      OidcTokenFile tokenFile, StsExchange sts, RefreshScheduler scheduler, RefreshPolicy policy) {
    this.tokenFile = requireNonNull(tokenFile, "tokenFile");
    this.sts = requireNonNull(sts, "sts");
    this.scheduler = requireNonNull(scheduler, "scheduler");
    this.policy = requireNonNull(policy, "policy");
  }

  AwsSessionCredentials resolve() {
    if (closed) {
      throw closedException();
    }
    Instant now = policy.clock().instant();
    Snapshot s = current;
    if (s != null && now.isBefore(s.staleAt())) {
      if (!now.isBefore(s.refreshAt())) {
        ensurePending(now);
      }
      return s.credentials();
    }
    if (s != null && now.isBefore(s.hardExpiry())) {
      return resolveStale(s, now);
    }
    return resolveWithoutCredentials(s, now);
  }

  /**
   * Between staleAt and hardExpiry: wait briefly for a refresh, else keep serving what is still
   * valid.
   */
  private AwsSessionCredentials resolveStale(Snapshot s, Instant now) {
    CompletableFuture<Snapshot> f;
    synchronized (lock) {
      if (inFlight == null && failures.backingOff(now)) {
        return s.credentials();
      }
    }
    f = startOrJoin();
    try {
      return f.get(policy.blockingWait().toMillis(), TimeUnit.MILLISECONDS).credentials();
    } catch (TimeoutException | ExecutionException e) {
      logger.warn(
          "RRSA credentials refresh has not succeeded yet; serving credentials valid until {}",
          s.hardExpiry());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return s.credentials();
  }

  private AwsSessionCredentials resolveWithoutCredentials(@Nullable Snapshot s, Instant now) {
    CompletableFuture<Snapshot> f;
    boolean start = false;
    synchronized (lock) {
      if (closed) {
        throw closedException();
      }
      StsCallException last = failures.last();
      if (inFlight != null) {
        f = inFlight;
      } else if (last != null && failures.backingOff(now)) {
        throw noCredentials(last, s);
      } else {
        f = startLocked();
        start = true;
      }
    }
    if (start) {
      submit(f);
    }
    try {
      return f.get(policy.noCredentialsWait().toMillis(), TimeUnit.MILLISECONDS).credentials();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof StsCallException stsCallException) {
        throw noCredentials(stsCallException, s);
      }
      if (cause instanceof SdkClientException sdkClientException) {
        throw sdkClientException;
      }
      throw SdkClientException.builder()
          .message("RRSA credentials refresh failed")
          .cause(cause)
          .build();
    } catch (TimeoutException e) {
      throw SdkClientException.create(
          "No valid RRSA credentials: STS AssumeRoleWithOIDC at "
              + sts.endpoint()
              + " did not answer within "
              + policy.noCredentialsWait().toMillis()
              + " ms"
              + expiredSuffix(s));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw SdkClientException.create("Interrupted while waiting for RRSA credentials");
    }
  }

  /**
   * Drops the current credentials and starts an exchange, unless the backoff after a failure is
   * running: then the scheduled attempt fetches new ones.
   */
  boolean invalidate() {
    Instant now = policy.clock().instant();
    boolean backingOff;
    synchronized (lock) {
      if (closed
          || (lastInvalidateAt != null
              && now.isBefore(lastInvalidateAt.plus(RefreshPolicy.INVALIDATE_INTERVAL)))) {
        return false;
      }
      lastInvalidateAt = now;
      Snapshot s = current;
      if (s != null) {
        current = s.invalidated(now);
      }
      backingOff = inFlight == null && failures.backingOff(now);
    }
    if (backingOff) {
      logger.info(
          "RRSA credentials invalidated (rejected by the store); STS is failing, new ones will be"
              + " fetched by the next scheduled attempt");
      return false;
    }
    logger.info("RRSA credentials invalidated (rejected by the store); fetching new ones");
    startInBackground();
    return true;
  }

  RrsaStatus status() {
    synchronized (lock) {
      Snapshot s = current;
      StsCallException last = failures.last();
      return new RrsaStatus(
          s == null ? null : s.sts().expiration(),
          s == null ? null : s.refreshAt(),
          lastSuccessAt,
          last == null ? null : last.code(),
          last == null ? null : last.requestId(),
          last == null ? null : last.getMessage(),
          failures.consecutive());
    }
  }

  @Override
  public void close() {
    CompletableFuture<Snapshot> f;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      cancelTimerLocked();
      f = inFlight;
      inFlight = null;
    }
    if (f != null) {
      f.completeExceptionally(closedException());
    }
    scheduler.close();
    sts.close();
  }

  private void ensurePending(Instant now) {
    synchronized (lock) {
      if (inFlight != null || timer != null || closed || failures.backingOff(now)) {
        return;
      }
    }
    startInBackground();
  }

  /**
   * Starts an exchange nobody waits for here: {@link #refresh} logs and records its outcome, and
   * callers that need credentials join {@link #inFlight}.
   */
  private void startInBackground() {
    CompletableFuture<Snapshot> unused = startOrJoin();
  }

  private CompletableFuture<Snapshot> startOrJoin() {
    CompletableFuture<Snapshot> f;
    synchronized (lock) {
      if (inFlight != null) {
        return inFlight;
      }
      if (closed) {
        throw closedException();
      }
      f = startLocked();
    }
    submit(f);
    return f;
  }

  private CompletableFuture<Snapshot> startLocked() {
    cancelTimerLocked();
    CompletableFuture<Snapshot> f = new CompletableFuture<>();
    inFlight = f;
    return f;
  }

  private void submit(CompletableFuture<Snapshot> f) {
    try {
      scheduler.execute(() -> refresh(f));
    } catch (RejectedExecutionException e) {
      synchronized (lock) {
        if (inFlight == f) {
          inFlight = null;
        }
      }
      f.completeExceptionally(closedException());
    }
  }

  private void onTimer() {
    try {
      startInBackground();
    } catch (SdkClientException e) {
      // Closed meanwhile.
    }
  }

  private void refresh(CompletableFuture<Snapshot> f) {
    Instant started = policy.clock().instant();
    Snapshot s;
    try {
      String token = tokenFile.read();
      StsCredentials c = sts.exchange(token);
      s = policy.snapshot(c, policy.clock().instant());
    } catch (StsCallException e) {
      onFailure(e);
      f.completeExceptionally(e);
      return;
    } catch (RuntimeException e) {
      StsCallException wrapped =
          new StsCallException(
              ErrorClass.TRANSIENT,
              "Unexpected",
              null,
              "STS AssumeRoleWithOIDC at "
                  + sts.endpoint()
                  + " failed unexpectedly ("
                  + e.getClass().getName()
                  + ")");
      onFailure(wrapped);
      f.completeExceptionally(wrapped);
      return;
    }
    onSuccess(s, started);
    f.complete(s);
  }

  private void onSuccess(Snapshot s, Instant started) {
    Instant now = policy.clock().instant();
    Duration delay = Duration.between(now, s.refreshAt());
    if (delay.compareTo(RefreshPolicy.MIN_REFRESH_SPACING) < 0) {
      delay = RefreshPolicy.MIN_REFRESH_SPACING;
    }
    synchronized (lock) {
      current = s;
      inFlight = null;
      failures.reset();
      lastSuccessAt = now;
      cancelTimerLocked();
      if (!closed) {
        timer = scheduler.schedule(this::onTimer, delay);
      }
    }
    logger.info(
        "Obtained RRSA credentials {} from {} (requestId {}) in {} ms; they expire at {}, refresh"
            + " at {}",
        StsCredentials.keyPrefix(s.sts().accessKeyId()),
        sts.endpoint(),
        s.sts().requestId(),
        Duration.between(started, now).toMillis(),
        s.sts().expiration(),
        s.refreshAt());
    if (Duration.between(s.receivedAt(), s.sts().expiration())
            .compareTo(RefreshPolicy.SHORT_LIFETIME)
        < 0) {
      logger.warn(
          "RRSA credentials live less than {} s by the local clock (expire at {}, received at {}):"
              + " check the clock of this host",
          RefreshPolicy.SHORT_LIFETIME.toSeconds(),
          s.sts().expiration(),
          s.receivedAt());
    }
  }

  private void onFailure(StsCallException e) {
    Instant now = policy.clock().instant();
    Duration delay;
    boolean alert;
    Snapshot s;
    int attempt;
    synchronized (lock) {
      inFlight = null;
      attempt = failures.record(e, now);
      delay = policy.backoff(e.errorClass(), attempt);
      failures.nextAttemptAt(delay == null ? null : now.plus(delay));
      cancelTimerLocked();
      if (!closed && delay != null) {
        timer = scheduler.schedule(this::onTimer, delay);
      }
      alert = failures.failingFor(now).compareTo(RefreshPolicy.ALERT_AFTER) >= 0;
      s = current;
    }
    String serving =
        s != null && now.isBefore(s.hardExpiry())
            ? "still serving credentials valid until " + s.hardExpiry()
            : "no valid credentials";
    String next =
        delay == null ? "no automatic retry" : "next attempt in " + delay.toMillis() + " ms";
    if (alert
        || e.errorClass() == ErrorClass.CONFIGURATION
        || e.errorClass() == ErrorClass.PERMANENT) {
      logger.error(
          "RRSA credentials refresh failed (attempt {}): {}; {}; {}",
          attempt,
          e.getMessage(),
          serving,
          next);
    } else {
      logger.warn(
          "RRSA credentials refresh failed (attempt {}): {}; {}; {}",
          attempt,
          e.getMessage(),
          serving,
          next);
    }
  }

  private void cancelTimerLocked() {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
  }

  private SdkClientException noCredentials(StsCallException e, @Nullable Snapshot s) {
    return SdkClientException.builder()
        .message("No valid RRSA credentials: " + e.getMessage() + expiredSuffix(s))
        .cause(e)
        .build();
  }

  private static String expiredSuffix(@Nullable Snapshot s) {
    return s == null ? "" : " (the last credentials were valid until " + s.hardExpiry() + ")";
  }

  private static SdkClientException closedException() {
    return SdkClientException.create("RrsaCredentialsProvider is closed");
  }
}
