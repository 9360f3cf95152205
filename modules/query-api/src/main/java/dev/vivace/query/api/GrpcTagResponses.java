package dev.vivace.query.api;

import com.google.protobuf.CodedOutputStream;
import dev.vivace.tempopb.MetadataMetrics;
import dev.vivace.tempopb.SearchTagValuesResponse;
import dev.vivace.tempopb.SearchTagValuesV2Response;
import dev.vivace.tempopb.SearchTagsResponse;
import dev.vivace.tempopb.SearchTagsV2Response;
import dev.vivace.tempopb.SearchTagsV2Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answers of the streaming querier's tag calls, split into messages that each stay under a gRPC
 * client's message limit, as Tempo streams them: every message carries the metrics, and the names
 * or values are spread over the messages in order; a v2 scope whose names do not fit one message
 * appears in several, each with some of its names. At least one message, even when empty.
 *
 * <p>A single name or value too large for any message (possible only with {@code
 * max_bytes_per_tag_values_query: 0} and untruncated attributes) is left out and logged, since no
 * client could receive it.
 */
final class GrpcTagResponses {

  private static final Logger logger = LoggerFactory.getLogger(GrpcTagResponses.class);

  static List<SearchTagsResponse> split(SearchTagsResponse answer, int maxBytes) {
    return split(
        answer.getTagNamesList(),
        name -> CodedOutputStream.computeStringSize(1, name),
        answer.getMetrics(),
        maxBytes,
        (chunk, metrics) ->
            SearchTagsResponse.newBuilder().addAllTagNames(chunk).setMetrics(metrics).build());
  }

  static List<SearchTagValuesResponse> split(SearchTagValuesResponse answer, int maxBytes) {
    return split(
        answer.getTagValuesList(),
        value -> CodedOutputStream.computeStringSize(1, value),
        answer.getMetrics(),
        maxBytes,
        (chunk, metrics) ->
            SearchTagValuesResponse.newBuilder()
                .addAllTagValues(chunk)
                .setMetrics(metrics)
                .build());
  }

  static List<SearchTagValuesV2Response> split(SearchTagValuesV2Response answer, int maxBytes) {
    return split(
        answer.getTagValuesList(),
        value -> CodedOutputStream.computeMessageSize(1, value),
        answer.getMetrics(),
        maxBytes,
        (chunk, metrics) ->
            SearchTagValuesV2Response.newBuilder()
                .addAllTagValues(chunk)
                .setMetrics(metrics)
                .build());
  }

  /** {@code items} in messages made by {@code message}, each of at most {@code maxBytes}. */
  private static <T, M> List<M> split(
      List<T> items,
      ToIntFunction<T> size,
      MetadataMetrics metrics,
      int maxBytes,
      BiFunction<List<T>, MetadataMetrics, M> message) {
    List<M> out = new ArrayList<>();
    for (List<T> chunk : chunks(items, size, budget(metrics, maxBytes))) {
      out.add(message.apply(chunk, metrics));
    }
    return out;
  }

  static List<SearchTagsV2Response> split(SearchTagsV2Response answer, int maxBytes) {
    MetadataMetrics metrics = answer.getMetrics();
    int budget = budget(metrics, maxBytes);
    List<SearchTagsV2Response> out = new ArrayList<>();
    List<SearchTagsV2Scope> current = new ArrayList<>();
    int used = 0;
    for (SearchTagsV2Scope scope : answer.getScopesList()) {
      String name = scope.getName();
      int nameBytes = CodedOutputStream.computeStringSize(1, name);
      SearchTagsV2Scope.Builder part = SearchTagsV2Scope.newBuilder().setName(name);
      int partContent = nameBytes;
      for (String tag : scope.getTagsList()) {
        int tagBytes = CodedOutputStream.computeStringSize(2, tag);
        if (fieldBytes(nameBytes + tagBytes) > budget) {
          leftOut(tagBytes);
          continue;
        }
        if (used + fieldBytes(partContent + tagBytes) > budget) {
          if (part.getTagsCount() > 0) {
            current.add(part.build());
          }
          out.add(v2Tags(current, metrics));
          current = new ArrayList<>();
          used = 0;
          part = SearchTagsV2Scope.newBuilder().setName(name);
          partContent = nameBytes;
        }
        part.addTags(tag);
        partContent += tagBytes;
      }
      if (part.getTagsCount() > 0 || scope.getTagsCount() == 0) {
        current.add(part.build());
        used += fieldBytes(partContent);
      }
    }
    out.add(v2Tags(current, metrics));
    return out;
  }

  private static SearchTagsV2Response v2Tags(
      List<SearchTagsV2Scope> scopes, MetadataMetrics metrics) {
    return SearchTagsV2Response.newBuilder().addAllScopes(scopes).setMetrics(metrics).build();
  }

  /** The bytes of a length-delimited field of number 1 to 15 whose content is {@code content}. */
  private static int fieldBytes(int content) {
    return 1 + CodedOutputStream.computeUInt32SizeNoTag(content) + content;
  }

  /** What is left of {@code maxBytes} for names or values once the metrics field is counted. */
  private static int budget(MetadataMetrics metrics, int maxBytes) {
    return maxBytes - CodedOutputStream.computeMessageSize(2, metrics);
  }

  /** {@code items} in order, in runs whose sizes add up to at most {@code budget}; at least one. */
  private static <T> List<List<T>> chunks(List<T> items, ToIntFunction<T> size, int budget) {
    List<List<T>> out = new ArrayList<>();
    List<T> current = new ArrayList<>();
    int used = 0;
    for (T item : items) {
      int bytes = size.applyAsInt(item);
      if (bytes > budget) {
        leftOut(bytes);
        continue;
      }
      if (used + bytes > budget) {
        out.add(current);
        current = new ArrayList<>();
        used = 0;
      }
      current.add(item);
      used += bytes;
    }
    out.add(current);
    return out;
  }

  private static void leftOut(int bytes) {
    logger.warn(
        "Left a tag name or value of {} bytes out of a streaming answer: larger than a gRPC"
            + " message may be",
        bytes);
  }

  private GrpcTagResponses() {}
}
