package dev.vivace.load;

import java.util.Arrays;

/** Records latencies in nanoseconds and answers exact percentiles. Thread-safe. */
final class Latencies {

  /** A summary in milliseconds. */
  record Summary(long count, double p50Ms, double p99Ms, double maxMs) {}

  private long[] values = new long[1024];
  private int size;

  synchronized void record(long nanos) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = nanos;
  }

  synchronized Summary summary() {
    if (size == 0) {
      return new Summary(0, 0, 0, 0);
    }
    long[] sorted = Arrays.copyOf(values, size);
    Arrays.sort(sorted);
    return new Summary(size, ms(at(sorted, 0.50)), ms(at(sorted, 0.99)), ms(sorted[size - 1]));
  }

  private static long at(long[] sorted, double q) {
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  private static double ms(long nanos) {
    return Math.round(nanos / 1_000.0) / 1_000.0;
  }
}
