package dev.vivace.block;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.jspecify.annotations.Nullable;

/**
 * JSON the way Go's {@code encoding/json} writes it: compact, UTF-8, and with {@code <}, {@code >},
 * {@code &}, U+2028 and U+2029 escaped as lower-case six-character {@code \\u} escapes (as in
 * {@code \\u003c}).
 */
final class GoJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFactory FACTORY = new JsonFactory();

  /** Writes one JSON value. */
  interface Body {
    void writeTo(JsonGenerator g) throws IOException;
  }

  static byte[] write(Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(out, body);
    return out.toByteArray();
  }

  static void write(OutputStream out, Body body) {
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.setCharacterEscapes(GoEscapes.INSTANCE);
      body.writeTo(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses {@code json}.
   *
   * @throws IllegalArgumentException if it is not JSON
   */
  static JsonNode read(byte[] json) {
    try {
      JsonNode node = MAPPER.readTree(json);
      if (node == null || node.isMissingNode()) {
        throw new IllegalArgumentException("empty JSON document");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("invalid JSON: " + e.getMessage(), e);
    }
  }

  static final class GoEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    static final GoEscapes INSTANCE = new GoEscapes();

    private final int[] ascii = standardAsciiEscapesForJSON();

    private GoEscapes() {
      ascii['<'] = ESCAPE_CUSTOM;
      ascii['>'] = ESCAPE_CUSTOM;
      ascii['&'] = ESCAPE_CUSTOM;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public @Nullable SerializableString getEscapeSequence(int ch) {
      if (ch == '<' || ch == '>' || ch == '&' || ch == 0x2028 || ch == 0x2029) {
        return new SerializedString(String.format("\\u%04x", ch));
      }
      return null;
    }
  }

  private GoJson() {}
}
