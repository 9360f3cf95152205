package dev.vivace.block.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.vivace.block.BlockMeta;
import dev.vivace.block.BlockMetaJson;
import dev.vivace.block.BlockTrace;
import dev.vivace.block.list.BlockTraceFinder;
import dev.vivace.block.list.Blocklist;
import dev.vivace.query.TimeRange;
import dev.vivace.storage.ObjectStore;
import dev.vivace.testing.otlp.OtlpRequests;
import dev.vivace.trace.TraceCombiner;
import dev.vivace.trace.TraceId;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

/** Blocks of overlapping traces for compaction tests, and what a lookup should find in them. */
final class CompactionData {

  static final String TENANT = "t";

  /** The hex ID of trace {@code n}. */
  static String traceHex(int n) {
    return String.format("%016x%016x", 0x5000L + n * 7919L, n);
  }

  /**
   * Span {@code s} of trace {@code t}, from service {@code "svc-" + s % 3}, at {@code at} plus a
   * few milliseconds.
   */
  static Span span(int t, int s, Instant at) {
    long nanos = at.getEpochSecond() * 1_000_000_000L + s * 1_000_000L;
    return OtlpRequests.span(
            OtlpRequests.traceId(traceHex(t)), OtlpRequests.spanId(t * 100L + s + 1), "op-" + s)
        .setKind(Span.SpanKind.forNumber(1 + s % 3))
        .setStartTimeUnixNano(nanos)
        .setEndTimeUnixNano(nanos + 500_000)
        .addAttributes(OtlpRequests.attribute("http.route", "/r/" + s))
        .build();
  }

  /** Trace {@code t} with spans {@code spans}, one resource per service. */
  static BlockTrace trace(int t, List<Integer> spans, Instant at) {
    Map<String, List<Span>> byService = new TreeMap<>();
    for (int s : spans) {
      byService.computeIfAbsent("svc-" + s % 3, k -> new ArrayList<>()).add(span(t, s, at));
    }
    List<ResourceSpans> batches = new ArrayList<>();
    for (Map.Entry<String, List<Span>> e : byService.entrySet()) {
      batches.add(
          ResourceSpans.newBuilder()
              .setResource(
                  Resource.newBuilder()
                      .addAttributes(OtlpRequests.attribute("service.name", e.getKey())))
              .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(e.getValue()))
              .build());
    }
    return new BlockTrace(TraceId.parse(traceHex(t)), batches);
  }

  /** Traces sorted by ID, as block writers want them. */
  static List<BlockTrace> sorted(List<BlockTrace> traces) {
    List<BlockTrace> out = new ArrayList<>(traces);
    out.sort((a, b) -> a.traceId().toHex().compareTo(b.traceId().toHex()));
    return out;
  }

  /** The spans of {@code batches} by span ID and kind, each with its resource and scope. */
  static Map<String, List<Object>> spans(List<ResourceSpans> batches) {
    Map<String, List<Object>> out = new HashMap<>();
    int count = 0;
    for (ResourceSpans rs : batches) {
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        for (Span s : ss.getSpansList()) {
          count++;
          out.put(
              hex(s.getSpanId()) + "/" + s.getKindValue(),
              List.of(rs.getResource(), ss.getScope(), s));
        }
      }
    }
    assertThat(out).as("spans without duplicates").hasSize(count);
    return out;
  }

  private static String hex(ByteString b) {
    StringBuilder sb = new StringBuilder();
    for (byte x : b.toByteArray()) {
      sb.append(String.format("%02x", x));
    }
    return sb.toString();
  }

  /** Each trace's spans as a lookup over every live block of {@code blocklist} combines them. */
  static Map<String, Map<String, List<Object>>> lookup(
      ObjectStore store, Blocklist blocklist, List<String> traceIds) {
    BlockTraceFinder finder = new BlockTraceFinder(store, blocklist);
    Map<String, Map<String, List<Object>>> out = new TreeMap<>();
    for (String id : traceIds) {
      List<ResourceSpans> fragments =
          finder.find(TENANT, TraceId.parse(id), TimeRange.ALL).fragments();
      out.put(id, spans(TraceCombiner.merge(fragments)));
    }
    return out;
  }

  /** The metas of the block directories of {@code tenant} that have a {@code meta.json}. */
  static List<BlockMeta> live(ObjectStore store, String tenant) {
    List<BlockMeta> out = new ArrayList<>();
    for (String key : store.list(tenant + "/")) {
      if (key.endsWith("/" + BlockMetaJson.META_OBJECT)) {
        out.add(BlockMetaJson.parse(store.get(key)));
      }
    }
    return out;
  }

  /** Block directories of {@code tenant} with neither meta. */
  static List<String> leftovers(ObjectStore store, String tenant) {
    Map<String, Boolean> dirs = new TreeMap<>();
    for (String key : store.list(tenant + "/")) {
      String[] parts = key.split("/");
      if (parts.length == 3) {
        boolean meta =
            parts[2].equals(BlockMetaJson.META_OBJECT)
                || parts[2].equals(BlockMetaJson.COMPACTED_META_OBJECT);
        dirs.merge(parts[1], meta, Boolean::logicalOr);
      }
    }
    return dirs.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList();
  }

  static UUID uuid(int n) {
    return new UUID(0x1000L + n, n);
  }

  /** Copies a directory tree. */
  static void copy(Path from, Path to) {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private CompactionData() {}
}
