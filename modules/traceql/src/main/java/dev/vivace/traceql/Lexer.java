package dev.vivace.traceql;

import dev.vivace.traceql.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Splits a query into tokens. Attribute references are lexed whole here, because their names may
 * hold dots and other punctuation: a name runs until whitespace or one of {@code {}()=~!<>&|^,}
 * (our reading of Tempo's lexer; {@code + - * / %} are part of a name, so {@code span.a-b} is one
 * attribute).
 */
final class Lexer {

  /** Operators, longest first so that {@code !>>} wins over {@code !>} and {@code !}. */
  private static final List<Map.Entry<String, Kind>> OPERATORS =
      List.of(
          Map.entry("!>>", Kind.NOT_DESC),
          Map.entry("!<<", Kind.NOT_ANCE),
          Map.entry("&>>", Kind.UNION_DESC),
          Map.entry("&<<", Kind.UNION_ANCE),
          Map.entry("&&", Kind.AND),
          Map.entry("||", Kind.OR),
          Map.entry("!=", Kind.NEQ),
          Map.entry("!~", Kind.NRE),
          Map.entry("!>", Kind.NOT_CHILD),
          Map.entry("!<", Kind.NOT_PARENT),
          Map.entry("=~", Kind.RE),
          Map.entry(">=", Kind.GTE),
          Map.entry("<=", Kind.LTE),
          Map.entry(">>", Kind.DESC),
          Map.entry("<<", Kind.ANCE),
          Map.entry("&>", Kind.UNION_CHILD),
          Map.entry("&<", Kind.UNION_PARENT),
          Map.entry("&~", Kind.UNION_SIBLING),
          Map.entry("{", Kind.OPEN_BRACE),
          Map.entry("}", Kind.CLOSE_BRACE),
          Map.entry("(", Kind.OPEN_PARENS),
          Map.entry(")", Kind.CLOSE_PARENS),
          Map.entry(",", Kind.COMMA),
          Map.entry("|", Kind.PIPE),
          Map.entry("!", Kind.NOT),
          Map.entry("=", Kind.EQ),
          Map.entry("<", Kind.LT),
          Map.entry(">", Kind.GT),
          Map.entry("~", Kind.TILDE),
          Map.entry("+", Kind.ADD),
          Map.entry("-", Kind.SUB),
          Map.entry("*", Kind.MUL),
          Map.entry("/", Kind.DIV),
          Map.entry("%", Kind.MOD),
          Map.entry("^", Kind.POW));

  private static final String ATTRIBUTE_END = "{}()=~!<>&|^,";

  private static final Set<String> SCOPES =
      Set.of("resource", "span", "event", "link", "instrumentation");

  private final String src;
  private final List<Token> tokens = new ArrayList<>();
  private int pos;
  private int line = 1;
  private int lineStart;

  private Lexer(String src) {
    this.src = src;
  }

  /** The tokens of {@code src}, ending with one {@link Kind#END} token. */
  static List<Token> tokenize(String src) {
    Lexer lexer = new Lexer(src);
    lexer.run();
    return lexer.tokens;
  }

  /** Whether {@code name} prints as a bare attribute name, without quotes. */
  static boolean isPlainAttributeName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (isAttributeEnd(c) || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }

  private static boolean isAttributeEnd(char c) {
    return Character.isWhitespace(c) || ATTRIBUTE_END.indexOf(c) >= 0;
  }

  private void run() {
    while (true) {
      skipWhitespace();
      if (pos >= src.length()) {
        tokens.add(new Token(Kind.END, "", line, column(pos), null));
        return;
      }
      char c = src.charAt(pos);
      int start = pos;
      if (c == '"' || c == '`') {
        String value = readString();
        add(Kind.STRING, start, value);
      } else if (c >= '0' && c <= '9') {
        readNumber(start);
      } else if (c == '.') {
        pos++;
        add(Kind.ATTRIBUTE, start, new Attribute(AttributeScope.NONE, false, readName(start)));
      } else if (Character.isLetter(c) || c == '_') {
        readWord(start);
      } else {
        readOperator(start);
      }
    }
  }

  private void skipWhitespace() {
    while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
      if (src.charAt(pos) == '\n') {
        line++;
        lineStart = pos + 1;
      }
      pos++;
    }
  }

  private int column(int at) {
    return at - lineStart + 1;
  }

  private void add(Kind kind, int start, Object value) {
    tokens.add(new Token(kind, src.substring(start, pos), line, column(start), value));
  }

  private TraceQLParseException error(int at, String what) {
    return new TraceQLParseException(line, column(at), what);
  }

  private void readOperator(int start) {
    for (Map.Entry<String, Kind> op : OPERATORS) {
      if (src.startsWith(op.getKey(), pos)) {
        pos += op.getKey().length();
        tokens.add(new Token(op.getValue(), op.getKey(), line, column(start), null));
        return;
      }
    }
    throw error(start, "unexpected character \"" + src.charAt(start) + "\"");
  }

  private void readWord(int start) {
    while (pos < src.length() && isWordChar(src.charAt(pos))) {
      pos++;
    }
    String word = src.substring(start, pos);
    if (pos + 1 < src.length()
        && src.charAt(pos) == ':'
        && Character.isLetter(src.charAt(pos + 1))) {
      pos++;
      while (pos < src.length() && isWordChar(src.charAt(pos))) {
        pos++;
      }
      String scoped = src.substring(start, pos);
      if (!Intrinsic.isIntrinsicScope(word) || Intrinsic.forSpelling(scoped) == null) {
        throw error(start, "unknown intrinsic \"" + scoped + "\"");
      }
      add(Kind.WORD, start, scoped);
      return;
    }
    if (pos < src.length() && src.charAt(pos) == '.') {
      pos++;
      add(Kind.ATTRIBUTE, start, readScopedAttribute(start, word));
      return;
    }
    add(Kind.WORD, start, word);
  }

  private Attribute readScopedAttribute(int start, String word) {
    if (word.equals("parent")) {
      for (AttributeScope scope : List.of(AttributeScope.RESOURCE, AttributeScope.SPAN)) {
        if (src.startsWith(scope.keyword() + ".", pos)) {
          pos += scope.keyword().length() + 1;
          return new Attribute(scope, true, readName(start));
        }
      }
      return new Attribute(AttributeScope.NONE, true, readName(start));
    }
    if (!SCOPES.contains(word)) {
      throw error(
          start,
          "unknown attribute scope \""
              + word
              + "\" (expected: resource, span, event, link, instrumentation, parent or a leading"
              + " dot)");
    }
    return new Attribute(
        AttributeScope.valueOf(word.toUpperCase(Locale.ROOT)), false, readName(start));
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  private String readName(int start) {
    if (pos < src.length() && src.charAt(pos) == '"') {
      return readString();
    }
    int nameStart = pos;
    while (pos < src.length() && !isAttributeEnd(src.charAt(pos))) {
      pos++;
    }
    if (pos == nameStart) {
      throw error(start, "missing attribute name after \"" + src.substring(start, pos) + "\"");
    }
    return src.substring(nameStart, pos);
  }

  private void readNumber(int start) {
    while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
      pos++;
    }
    boolean isFloat = false;
    if (pos + 1 < src.length()
        && src.charAt(pos) == '.'
        && Character.isDigit(src.charAt(pos + 1))) {
      isFloat = true;
      pos++;
      while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
        pos++;
      }
    }
    if (pos < src.length() && Character.isLetter(src.charAt(pos))) {
      while (pos < src.length()
          && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '.')) {
        pos++;
      }
      String text = src.substring(start, pos);
      Long nanos = Durations.parse(text);
      if (nanos == null) {
        throw error(start, "invalid duration \"" + text + "\"");
      }
      add(Kind.DURATION, start, nanos);
      return;
    }
    String text = src.substring(start, pos);
    if (isFloat) {
      add(Kind.FLOAT, start, Double.parseDouble(text));
      return;
    }
    try {
      add(Kind.INTEGER, start, Long.parseLong(text));
    } catch (NumberFormatException e) {
      throw error(start, "integer out of range \"" + text + "\"");
    }
  }

  /** Reads a double-quoted string with Go escapes, or a raw back-ticked string. */
  private String readString() {
    int start = pos;
    int startLine = line;
    int startColumn = column(start);
    char quote = src.charAt(pos++);
    StringBuilder value = new StringBuilder();
    while (pos < src.length()) {
      char c = src.charAt(pos++);
      if (c == quote) {
        return value.toString();
      }
      if (c == '\n') {
        if (quote == '"') {
          break;
        }
        line++;
        lineStart = pos;
      }
      if (c == '\\' && quote == '"') {
        pos = Escapes.decode(src, pos, value, at -> error(at, "invalid escape in string"));
      } else {
        value.append(c);
      }
    }
    throw new TraceQLParseException(startLine, startColumn, "unterminated string");
  }
}
