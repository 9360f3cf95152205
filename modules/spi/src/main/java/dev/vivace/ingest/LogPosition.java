package dev.vivace.ingest;

/**
 * Where a record sits in an {@link IngestLog}: a segment (a file, or a partition's epoch) and an
 * offset in it. Positions are ordered.
 */
public record LogPosition(long segment, long offset) implements Comparable<LogPosition> {

  /** The position before every record. */
  public static final LogPosition START = new LogPosition(0, 0);

  @Override
  public int compareTo(LogPosition o) {
    int c = Long.compare(segment, o.segment);
    return c != 0 ? c : Long.compare(offset, o.offset);
  }
}
