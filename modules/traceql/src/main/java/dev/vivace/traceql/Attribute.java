package dev.vivace.traceql;

import static java.util.Objects.requireNonNull;

/**
 * An attribute reference such as {@code resource.service.name}, {@code .foo}, {@code span."my
 * attr"} or {@code parent.span.foo}. {@code parent} means the attribute of the span's parent.
 */
public record Attribute(AttributeScope scope, boolean parent, String name)
    implements FieldExpression {

  /** Creates a reference; the name is what the query named, without quotes. */
  public Attribute {
    requireNonNull(scope, "scope");
    requireNonNull(name, "name");
  }

  @Override
  public String toString() {
    String prefix = parent ? "parent." : "";
    if (scope != AttributeScope.NONE) {
      prefix += scope.keyword() + ".";
    } else if (!parent) {
      prefix = ".";
    }
    return prefix + (Lexer.isPlainAttributeName(name) ? name : Static.quote(name));
  }
}
