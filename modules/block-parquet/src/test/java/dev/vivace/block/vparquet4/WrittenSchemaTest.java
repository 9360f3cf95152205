package dev.vivace.block.vparquet4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vivace.block.BlockTrace;
import dev.vivace.storage.local.LocalObjectStore;
import dev.vivace.testing.TempoFixtures;
import dev.vivace.trace.TraceId;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.parquet.NoHadoopReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The footer schema of a written block against spec §4.4/§4.5 and Tempo's fixture. */
class WrittenSchemaTest {

  private static final Pattern TABLE_ROW =
      Pattern.compile(
          "\\| (\\d+) \\| `([^`]+)` \\| (\\w+) \\| ([^|]+) \\| (required|optional) \\| (\\d) \\|"
              + " (\\d) \\|.*");

  @TempDir Path dir;

  private static MessageType footerSchema(Path file) throws IOException {
    try (ParquetFileReader r =
        new ParquetFileReader(
            new LocalInputFile(file),
            NoHadoopReadOptions.create(FilterCompat.NOOP, NoHadoopCodecFactory.INSTANCE))) {
      return r.getFooter().getFileMetaData().getSchema();
    }
  }

  private Path writeOneTrace() {
    LocalObjectStore store = LocalObjectStore.of(dir.resolve("store"));
    Span span =
        Span.newBuilder()
            .setTraceId(TraceId.parse("1").toByteString())
            .setSpanId(com.google.protobuf.ByteString.copyFrom(new byte[8]))
            .setName("root")
            .build();
    UUID id = UUID.randomUUID();
    VParquet4BlockWriter.builder(store)
        .tempDir(dir)
        .build()
        .write(
            "t",
            id,
            List.of(
                new BlockTrace(
                    TraceId.parse("1"),
                    List.of(
                        ResourceSpans.newBuilder()
                            .addScopeSpans(ScopeSpans.newBuilder().addSpans(span))
                            .build()))));
    return store.root().resolve("t").resolve(id.toString()).resolve("data.parquet");
  }

  @Test
  void footerSchemaIsTheNormativeSchemaColumnByColumn() throws Exception {
    MessageType written = footerSchema(writeOneTrace());

    assertThat(written.getName()).isEqualTo("Trace");
    assertThat(written).isEqualTo(TraceSchema.SCHEMA);
    List<ColumnDescriptor> got = written.getColumns();
    List<ColumnDescriptor> want = TraceSchema.SCHEMA.getColumns();
    assertThat(got).hasSize(103);
    for (int i = 0; i < 103; i++) {
      ColumnDescriptor g = got.get(i);
      ColumnDescriptor w = want.get(i);
      assertThat(g.getPath()).as("column %d", i).isEqualTo(w.getPath());
      assertThat(g.getPrimitiveType()).as("column %d", i).isEqualTo(w.getPrimitiveType());
      assertThat(g.getMaxDefinitionLevel()).as("column %d", i).isEqualTo(w.getMaxDefinitionLevel());
      assertThat(g.getMaxRepetitionLevel()).as("column %d", i).isEqualTo(w.getMaxRepetitionLevel());
    }
  }

  @Test
  void footerSchemaMatchesTheSpecTable() throws Exception {
    Path spec = TempoFixtures.root().getParent().getParent().resolve("spec/tempo-block-format.md");
    List<String[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(spec)) {
      Matcher m = TABLE_ROW.matcher(line);
      if (m.matches()) {
        rows.add(
            new String[] {m.group(1), m.group(2), m.group(3), m.group(5), m.group(6), m.group(7)});
      }
    }
    List<ColumnDescriptor> got = footerSchema(writeOneTrace()).getColumns();

    assertThat(rows).hasSize(103);
    for (String[] row : rows) {
      ColumnDescriptor c = got.get(Integer.parseInt(row[0]));
      assertThat(String.join(".", c.getPath())).isEqualTo(row[1]);
      String physical = c.getPrimitiveType().getPrimitiveTypeName().name();
      assertThat(physical.equals("BINARY") ? "BYTE_ARRAY" : physical).isEqualTo(row[2]);
      assertThat(c.getPrimitiveType().getRepetition().name().toLowerCase()).isEqualTo(row[3]);
      assertThat(c.getMaxDefinitionLevel()).as(row[1]).isEqualTo(Integer.parseInt(row[4]));
      assertThat(c.getMaxRepetitionLevel()).as(row[1]).isEqualTo(Integer.parseInt(row[5]));
    }
  }

  /** Path, physical type, repetition and logical type (not the column order). */
  private static String describe(ColumnDescriptor c) {
    return String.join(".", c.getPath()) + " " + c.getPrimitiveType();
  }

  @Test
  void differsFromTheFixtureOnlyInTheLegacyAttributeColumns() throws Exception {
    List<ColumnDescriptor> ours = footerSchema(writeOneTrace()).getColumns();
    List<ColumnDescriptor> tempo =
        footerSchema(TempoFixtures.vparquet4Block().resolve("data.parquet")).getColumns();

    assertThat(tempo).hasSize(ours.size());
    List<String> differing = new ArrayList<>();
    for (int i = 0; i < ours.size(); i++) {
      ColumnDescriptor a = ours.get(i);
      ColumnDescriptor b = tempo.get(i);
      assertThat(a.getMaxDefinitionLevel()).isEqualTo(b.getMaxDefinitionLevel());
      assertThat(a.getMaxRepetitionLevel()).isEqualTo(b.getMaxRepetitionLevel());
      if (!describe(a).equals(describe(b))) {
        differing.add(String.join(".", b.getPath()) + "->" + a.getPrimitiveType().getName());
      }
    }
    assertThat(differing)
        .hasSize(10)
        .allMatch(
            d -> d.endsWith("ValueType->IsArray") || d.endsWith("ValueDropped->ValueUnsupported"));
  }
}
