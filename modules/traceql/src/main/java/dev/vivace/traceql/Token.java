package dev.vivace.traceql;

import org.jspecify.annotations.Nullable;

/**
 * One lexed token. {@code text} is the source text; {@code value} is the decoded string, number,
 * duration (nanoseconds) or {@link Attribute}, and null for the other kinds.
 */
record Token(Kind kind, String text, int line, int column, @Nullable Object value) {

  /** Token kinds. Words (keywords, intrinsics, function names) are all {@link #WORD}. */
  enum Kind {
    OPEN_BRACE("\"{\""),
    CLOSE_BRACE("\"}\""),
    OPEN_PARENS("\"(\""),
    CLOSE_PARENS("\")\""),
    COMMA("\",\""),
    PIPE("\"|\""),
    AND("\"&&\""),
    OR("\"||\""),
    NOT("\"!\""),
    EQ("\"=\""),
    NEQ("\"!=\""),
    LT("\"<\""),
    LTE("\"<=\""),
    GT("\">\""),
    GTE("\">=\""),
    RE("\"=~\""),
    NRE("\"!~\""),
    DESC("\">>\""),
    ANCE("\"<<\""),
    TILDE("\"~\""),
    NOT_CHILD("\"!>\""),
    NOT_PARENT("\"!<\""),
    NOT_DESC("\"!>>\""),
    NOT_ANCE("\"!<<\""),
    UNION_CHILD("\"&>\""),
    UNION_PARENT("\"&<\""),
    UNION_DESC("\"&>>\""),
    UNION_ANCE("\"&<<\""),
    UNION_SIBLING("\"&~\""),
    ADD("\"+\""),
    SUB("\"-\""),
    MUL("\"*\""),
    DIV("\"/\""),
    MOD("\"%\""),
    POW("\"^\""),
    STRING("string"),
    INTEGER("integer"),
    FLOAT("float"),
    DURATION("duration"),
    ATTRIBUTE("attribute"),
    WORD("word"),
    END("end of query");

    private final String description;

    Kind(String description) {
      this.description = description;
    }

    String description() {
      return description;
    }
  }

  /** How an error message names this token. */
  String describe() {
    return kind == Kind.END ? "end of query" : "\"" + text + "\"";
  }

  boolean isWord(String word) {
    return kind == Kind.WORD && text.equals(word);
  }
}
