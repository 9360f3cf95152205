package dev.vivace.block.vparquet4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vivace.block.BlockTrace;
import dev.vivace.storage.local.LocalObjectStore;
import dev.vivace.trace.TraceId;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.parquet.NoHadoopReadOptions;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BOOLEAN columns ({@code IsArray}, {@code ValueBool}) are written PLAIN, as Tempo writes them
 * (spec §4.4). parquet-java's v2 default is RLE, and parquet-go v0.26.4 (Tempo v2.10.3) decodes RLE
 * runs of booleans wrongly, so Tempo misread such blocks (found by modules/tempo-interop).
 */
class BooleanEncodingTest {

  @TempDir Path dir;

  @Test
  void booleanColumnsArePlainEvenWithLongRuns() throws Exception {
    List<KeyValue> attrs = new ArrayList<>();
    for (int i = 0; i < 40; i++) { // long runs of IsArray=false, then of IsArray=true
      attrs.add(kv("s" + i, AnyValue.newBuilder().setBoolValue(i % 20 != 0).build()));
    }
    for (int i = 0; i < 40; i++) {
      AnyValue array =
          AnyValue.newBuilder()
              .setArrayValue(
                  ArrayValue.newBuilder()
                      .addValues(AnyValue.newBuilder().setBoolValue(true))
                      .addValues(AnyValue.newBuilder().setBoolValue(true)))
              .build();
      attrs.add(kv("a" + i, array));
    }
    TraceId id = TraceId.parse("1");
    Span span =
        Span.newBuilder()
            .setTraceId(id.toByteString())
            .setSpanId(com.google.protobuf.ByteString.copyFrom(new byte[8]))
            .setName("root")
            .addAllAttributes(attrs)
            .build();
    LocalObjectStore store = LocalObjectStore.of(dir.resolve("store"));
    UUID block = UUID.randomUUID();
    VParquet4BlockWriter.builder(store)
        .tempDir(dir)
        .build()
        .write(
            "t",
            block,
            List.of(
                new BlockTrace(
                    id,
                    List.of(
                        ResourceSpans.newBuilder()
                            .addScopeSpans(ScopeSpans.newBuilder().addSpans(span))
                            .build()))));
    Path data = store.root().resolve("t").resolve(block.toString()).resolve("data.parquet");

    int booleanChunks = 0;
    try (ParquetFileReader r =
        new ParquetFileReader(
            new LocalInputFile(data),
            NoHadoopReadOptions.create(FilterCompat.NOOP, NoHadoopCodecFactory.INSTANCE))) {
      for (ColumnChunkMetaData chunk : r.getFooter().getBlocks().get(0).getColumns()) {
        if (chunk.getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.BOOLEAN) {
          booleanChunks++;
          assertThat(chunk.getEncodingStats().getDataEncodings())
              .as(chunk.getPath().toDotString())
              .isEqualTo(Set.of(Encoding.PLAIN));
        }
      }
    }
    assertThat(booleanChunks).isEqualTo(10); // IsArray and ValueBool of 5 attribute groups
  }

  private static KeyValue kv(String key, AnyValue value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }
}
