package dev.vivace.block.vparquet4;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.parquet.schema.Type;

/** The vParquet4 Parquet schema (spec §4.5) and projections of real files onto it. */
final class TraceSchema {

  /** The normative schema: exactly Tempo v2.10's 103 leaf columns, in order. */
  static final MessageType SCHEMA = MessageTypeParser.parseMessageType(load());

  static final String SPANS = "rs.list.element.ss.list.element.Spans.list.element.";

  /** Columns a trace-by-ID read does not need: derived values that OTLP does not carry. */
  static final Set<String> DERIVED =
      Set.of(
          "TraceIDText",
          "StartTimeUnixNano",
          "EndTimeUnixNano",
          "DurationNano",
          "RootServiceName",
          "RootSpanName",
          "ServiceStats",
          SPANS + "ParentID",
          SPANS + "NestedSetLeft",
          SPANS + "NestedSetRight");

  private static String load() {
    try (InputStream in = TraceSchema.class.getResourceAsStream("schema.txt")) {
      if (in == null) {
        throw new IllegalStateException("schema.txt missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Returns the columns of {@code file} that also exist, with the same physical type and
   * repetition, in {@link #SCHEMA}, minus {@code skip} (dotted paths of columns or groups). Columns
   * only in the file (such as older blocks' {@code ValueType}) are dropped; columns only in the
   * schema are absent, and readers treat them as unset.
   */
  static MessageType projection(MessageType file, Set<String> skip) {
    List<Type> fields = intersect(file, SCHEMA, "", skip::contains);
    return new MessageType(file.getName(), fields);
  }

  /**
   * Returns the columns of {@code file} that {@link #projection} would keep and that {@code wanted}
   * names: a dotted path names a column, or every column of a group.
   */
  static MessageType select(MessageType file, Set<String> wanted) {
    List<Type> fields = intersect(file, SCHEMA, "", path -> !isWanted(path, wanted));
    return new MessageType(file.getName(), fields);
  }

  private static boolean isWanted(String path, Set<String> wanted) {
    for (String w : wanted) {
      if (path.equals(w) || path.startsWith(w + ".") || w.startsWith(path + ".")) {
        return true;
      }
    }
    return false;
  }

  private static List<Type> intersect(
      GroupType file, GroupType known, String prefix, Predicate<String> skip) {
    List<Type> kept = new ArrayList<>();
    for (Type f : file.getFields()) {
      String path = prefix + f.getName();
      if (skip.test(path) || !known.containsField(f.getName())) {
        continue;
      }
      Type k = known.getType(f.getName());
      if (f.getRepetition() != k.getRepetition() || f.isPrimitive() != k.isPrimitive()) {
        continue;
      }
      if (f.isPrimitive()) {
        if (f.asPrimitiveType().getPrimitiveTypeName()
            == k.asPrimitiveType().getPrimitiveTypeName()) {
          kept.add(f);
        }
      } else {
        List<Type> children = intersect(f.asGroupType(), k.asGroupType(), path + ".", skip);
        if (!children.isEmpty()) {
          kept.add(f.asGroupType().withNewFields(children));
        }
      }
    }
    return kept;
  }

  private TraceSchema() {}
}
