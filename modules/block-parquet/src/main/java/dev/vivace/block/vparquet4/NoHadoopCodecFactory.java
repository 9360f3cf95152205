package dev.vivace.block.vparquet4;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Parquet page codecs without Hadoop: the codecs Tempo's reader supports that we write or may meet
 * (UNCOMPRESSED, SNAPPY, GZIP, ZSTD). Stateless, so one instance serves all readers.
 */
final class NoHadoopCodecFactory implements CompressionCodecFactory {

  static final NoHadoopCodecFactory INSTANCE = new NoHadoopCodecFactory();

  @Override
  public BytesInputCompressor getCompressor(CompressionCodecName codec) {
    return new Codec(checkSupported(codec));
  }

  @Override
  public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
    return new Codec(checkSupported(codec));
  }

  @Override
  public void release() {}

  private static CompressionCodecName checkSupported(CompressionCodecName codec) {
    return switch (codec) {
      case UNCOMPRESSED, SNAPPY, GZIP, ZSTD -> codec;
      default ->
          throw new UnsupportedOperationException(
              "Parquet codec "
                  + codec
                  + " is not supported (expected: UNCOMPRESSED, SNAPPY, GZIP,"
                  + " ZSTD)");
    };
  }

  private static final class Codec implements BytesInputCompressor, BytesInputDecompressor {
    private final CompressionCodecName codec;

    Codec(CompressionCodecName codec) {
      this.codec = codec;
    }

    @Override
    public CompressionCodecName getCodecName() {
      return codec;
    }

    @Override
    public BytesInput compress(BytesInput bytes) throws IOException {
      byte[] in = toArray(bytes);
      switch (codec) {
        case SNAPPY -> {
          return BytesInput.from(Snappy.compress(in));
        }
        case GZIP -> {
          ByteArrayOutputStream out = new ByteArrayOutputStream(in.length / 2 + 32);
          try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(in);
          }
          return BytesInput.from(out.toByteArray());
        }
        case ZSTD -> {
          return BytesInput.from(Zstd.compress(in, 3));
        }
        default -> {
          return BytesInput.from(in);
        }
      }
    }

    @Override
    public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
      return BytesInput.from(decompress(toArray(bytes), uncompressedSize));
    }

    @Override
    public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int size)
        throws IOException {
      byte[] in = new byte[compressedSize];
      input.get(in);
      output.put(decompress(in, size));
    }

    private byte[] decompress(byte[] in, int size) throws IOException {
      byte[] out;
      switch (codec) {
        case SNAPPY -> out = Snappy.uncompress(in);
        case GZIP -> {
          try (InputStream gz = new GZIPInputStream(new java.io.ByteArrayInputStream(in))) {
            out = gz.readAllBytes();
          }
        }
        case ZSTD -> out = Zstd.decompress(in, size);
        default -> out = in;
      }
      if (out.length != size) {
        throw new IOException(
            codec + " page decompressed to " + out.length + " bytes (expected: " + size + ")");
      }
      return out;
    }

    @Override
    public void release() {}
  }

  private static byte[] toArray(BytesInput bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.max(32, bytes.size()));
    bytes.writeAllTo(out);
    return out.toByteArray();
  }

  private NoHadoopCodecFactory() {}
}
