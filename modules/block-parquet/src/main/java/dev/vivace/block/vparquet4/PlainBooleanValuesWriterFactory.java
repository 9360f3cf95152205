package dev.vivace.block.vparquet4;

import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.factory.DefaultV2ValuesWriterFactory;
import org.apache.parquet.column.values.factory.ValuesWriterFactory;
import org.apache.parquet.column.values.plain.BooleanPlainValuesWriter;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * parquet-java's v2 encodings, except that BOOLEAN columns are PLAIN (bit-packed) as in Tempo's own
 * files (spec §4.4), instead of parquet-java's v2 default RLE. parquet-go v0.26.4, which Tempo
 * v2.10.3 reads with, decodes RLE runs of booleans wrongly (each run becomes whole bytes of 0x00 or
 * 0x01), so Tempo would misread {@code IsArray} and {@code ValueBool} of RLE-encoded blocks.
 */
final class PlainBooleanValuesWriterFactory implements ValuesWriterFactory {

  private final DefaultV2ValuesWriterFactory v2 = new DefaultV2ValuesWriterFactory();

  @Override
  public void initialize(ParquetProperties properties) {
    v2.initialize(properties);
  }

  @Override
  public ValuesWriter newValuesWriter(ColumnDescriptor descriptor) {
    if (descriptor.getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.BOOLEAN) {
      return new BooleanPlainValuesWriter();
    }
    return v2.newValuesWriter(descriptor);
  }
}
