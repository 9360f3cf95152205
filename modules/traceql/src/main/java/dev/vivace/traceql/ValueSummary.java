package dev.vivace.traceql;

/**
 * What a chunk of stored spans (a block, a row group, a page) may hold, for skipping chunks that
 * cannot match. Answers err towards {@code true}: a summary that does not know answers true.
 */
public interface ValueSummary {

  /**
   * Whether some span in the chunk may have {@code field} with a value for which {@code field
   * operator literal} holds. {@code field} is an {@link Attribute} or an {@link Intrinsic}; {@code
   * operator} is a comparison or a regex operator.
   */
  boolean mayMatch(FieldExpression field, FieldOperator operator, Static literal);

  /** A summary that knows nothing: every chunk may match. */
  ValueSummary UNKNOWN = (field, operator, literal) -> true;
}
