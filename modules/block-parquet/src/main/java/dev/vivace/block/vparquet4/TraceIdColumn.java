package dev.vivace.block.vparquet4;

import java.io.IOException;
import java.util.PrimitiveIterator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Finds the row of a trace by reading only the {@code TraceID} column of a row group, and of it
 * only the pages whose column-index bounds allow the ID (the reader's filter is {@code TraceID ==
 * id}). No row is assembled.
 */
final class TraceIdColumn {

  static final String NAME = "TraceID";

  /** Returns a schema of {@code file}'s {@code TraceID} column alone. */
  static MessageType schema(MessageType file) {
    Type traceId = file.getType(NAME);
    if (!traceId.isPrimitive() || traceId.isRepetition(Type.Repetition.REPEATED)) {
      throw new IllegalArgumentException("TraceID: " + traceId + " (expected: a binary column)");
    }
    return new MessageType(file.getName(), traceId);
  }

  /**
   * Returns the index within row group {@code rowGroup} (of {@code reader.getRowGroups()}) of the
   * row whose trace ID is {@code id}, or -1. {@code reader} must be projected to {@code schema} and
   * filter on {@code TraceID == id}.
   */
  static long rowOf(
      ParquetFileReader reader, int rowGroup, byte[] id, MessageType schema, String createdBy)
      throws IOException {
    PageReadStore pages = reader.readFilteredRowGroup(rowGroup);
    if (pages == null) {
      return -1;
    }
    ColumnDescriptor column = schema.getColumns().get(0);
    ColumnReader values =
        new ColumnReadStoreImpl(
                pages, new GroupRecordConverter(schema).getRootConverter(), schema, createdBy)
            .getColumnReader(column);
    PrimitiveIterator.OfLong rowIndexes = pages.getRowIndexes().orElse(null);
    Binary wanted = Binary.fromConstantByteArray(id);
    for (long k = 0; k < pages.getRowCount(); k++) {
      long row = rowIndexes != null ? rowIndexes.nextLong() : k;
      boolean match =
          values.getCurrentDefinitionLevel() == column.getMaxDefinitionLevel()
              && values.getBinary().equals(wanted);
      values.consume();
      if (match) {
        return row;
      }
    }
    return -1;
  }

  private TraceIdColumn() {}
}
