package dev.vivace.ingester;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

/** Builds a {@link LiveTraceStore}. */
public final class LiveTraceStoreBuilder {

  /** Tempo's {@code ingester.trace_idle_period}: if unset, defaults to 5 seconds. */
  public static final Duration DEFAULT_TRACE_IDLE_PERIOD = Duration.ofSeconds(5);

  private Clock clock = Clock.systemUTC();
  private Duration traceIdlePeriod = DEFAULT_TRACE_IDLE_PERIOD;
  private Function<String, IngestLimits> limits = tenant -> IngestLimits.DEFAULT;

  LiveTraceStoreBuilder() {}

  /** The clock that stamps appends; if unset, defaults to the system UTC clock. */
  public LiveTraceStoreBuilder clock(Clock clock) {
    this.clock = requireNonNull(clock, "clock");
    return this;
  }

  /**
   * How long a trace must receive no span before it counts as complete; if unset, defaults to
   * {@link #DEFAULT_TRACE_IDLE_PERIOD}.
   */
  public LiveTraceStoreBuilder traceIdlePeriod(Duration traceIdlePeriod) {
    requireNonNull(traceIdlePeriod, "traceIdlePeriod");
    if (traceIdlePeriod.isNegative() || traceIdlePeriod.isZero()) {
      throw new IllegalArgumentException(
          "traceIdlePeriod: " + traceIdlePeriod + " (expected: > 0)");
    }
    this.traceIdlePeriod = traceIdlePeriod;
    return this;
  }

  /** The limits of each tenant; if unset, defaults to {@link IngestLimits#DEFAULT} for all. */
  public LiveTraceStoreBuilder limits(Function<String, IngestLimits> limits) {
    this.limits = requireNonNull(limits, "limits");
    return this;
  }

  /** Returns a new store. */
  public LiveTraceStore build() {
    return new LiveTraceStore(clock, traceIdlePeriod, limits);
  }
}
