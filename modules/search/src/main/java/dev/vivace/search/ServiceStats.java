package dev.vivace.search;

/** Per service of a trace: how many spans it has, and how many of them have status error. */
public record ServiceStats(int spanCount, int errorCount) {

  /** The sum of this and {@code other}. */
  public ServiceStats plus(ServiceStats other) {
    return new ServiceStats(spanCount + other.spanCount, errorCount + other.errorCount);
  }
}
