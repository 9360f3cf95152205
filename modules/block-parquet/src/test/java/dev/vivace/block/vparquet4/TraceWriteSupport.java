package dev.vivace.block.vparquet4;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.jspecify.annotations.Nullable;

/** Writes {@link TraceRow}s with the normative schema of spec §4.5. */
final class TraceWriteSupport extends WriteSupport<TraceRow> {

  private @Nullable RecordEmitter emitter;

  /** Never called: the writer is configured without Hadoop; see the other {@code init}. */
  @Override
  @SuppressWarnings("deprecation") // abstract in WriteSupport, so it must be implemented
  public WriteContext init(Configuration configuration) {
    return new WriteContext(TraceSchema.SCHEMA, Map.of());
  }

  @Override
  public WriteContext init(ParquetConfiguration configuration) {
    return new WriteContext(TraceSchema.SCHEMA, Map.of());
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    emitter = new RecordEmitter(recordConsumer, TraceSchema.SCHEMA);
  }

  @Override
  public void write(TraceRow row) {
    RecordEmitter emit = requireNonNull(emitter, "emitter (prepareForWrite not called)");
    emit.consumer().startMessage();
    emit.binary("TraceID", row.traceId);
    emit.string("TraceIDText", row.traceIdText);
    emit.int64("StartTimeUnixNano", row.startTimeUnixNano);
    emit.int64("EndTimeUnixNano", row.endTimeUnixNano);
    emit.int64("DurationNano", row.durationNano());
    emit.string("RootServiceName", row.rootServiceName);
    emit.string("RootSpanName", row.rootSpanName);
    emit.group(
        "ServiceStats",
        () -> {
          if (row.serviceStats.isEmpty()) {
            return;
          }
          RecordConsumer out = emit.consumer();
          out.startField("key_value", 0);
          for (Map.Entry<String, int[]> e : row.serviceStats.entrySet()) {
            out.startGroup();
            out.startField("key", 0);
            out.addBinary(Binary.fromString(e.getKey()));
            out.endField("key", 0);
            out.startField("value", 1);
            out.startGroup();
            out.startField("SpanCount", 0);
            out.addInteger(e.getValue()[0]);
            out.endField("SpanCount", 0);
            out.startField("ErrorCount", 1);
            out.addInteger(e.getValue()[1]);
            out.endField("ErrorCount", 1);
            out.endGroup();
            out.endField("value", 1);
            out.endGroup();
          }
          out.endField("key_value", 0);
        });
    emit.list("rs", row.resources, r -> RowEncoder.resourceSpans(emit, r));
    emit.consumer().endMessage();
  }
}
