package dev.vivace.traceql;

/** An expression evaluated against one span: inside a span selector {@code { ... }}. */
public sealed interface FieldExpression
    permits Attribute, BinaryOperation, Intrinsic, Static, UnaryOperation {}
