package dev.vivace.query.api;

import dev.vivace.search.TagRequest;
import dev.vivace.search.TagSearcher;
import dev.vivace.search.TagSink;
import dev.vivace.search.TagValuesRequest;
import dev.vivace.traceql.Attribute;
import dev.vivace.traceql.AttributeScope;
import dev.vivace.traceql.Intrinsic;
import dev.vivace.traceql.SpanFilter;
import dev.vivace.traceql.SpanView;
import dev.vivace.traceql.Static;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A tier of spans kept in memory per tenant, which answers tag searches honestly: it applies the
 * request's filter to each span and offers what the matching spans have. It records what it was
 * asked.
 */
final class FakeTagTier implements TagSearcher {

  /** A span: attributes per scope and intrinsics. */
  static final class FakeSpan implements SpanView {
    final Map<AttributeScope, Map<String, Static>> attributes = new EnumMap<>(AttributeScope.class);
    final Map<Intrinsic, Static> intrinsics = new EnumMap<>(Intrinsic.class);

    FakeSpan with(AttributeScope scope, String name, Static value) {
      attributes.computeIfAbsent(scope, s -> new LinkedHashMap<>()).put(name, value);
      return this;
    }

    FakeSpan with(Intrinsic intrinsic, Static value) {
      intrinsics.put(intrinsic, value);
      return this;
    }

    @Override
    public @Nullable Static attribute(AttributeScope scope, String name) {
      return attributes.getOrDefault(scope, Map.of()).get(name);
    }

    @Override
    public @Nullable Static intrinsic(Intrinsic intrinsic) {
      return intrinsics.get(intrinsic);
    }

    @Override
    public @Nullable SpanView parent() {
      return null;
    }
  }

  /** One call: the tenant and the request. */
  record Call(String tenant, Object request) {}

  private final long bytesPerCall;
  private final Map<String, List<FakeSpan>> spans = new LinkedHashMap<>();
  final List<Call> calls = new ArrayList<>();

  FakeTagTier(long bytesPerCall) {
    this.bytesPerCall = bytesPerCall;
  }

  FakeTagTier add(String tenant, FakeSpan span) {
    spans.computeIfAbsent(tenant, t -> new ArrayList<>()).add(span);
    return this;
  }

  synchronized void clearCalls() {
    calls.clear();
  }

  synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  @Override
  public void tagNames(String tenant, TagRequest request, TagSink sink) {
    for (FakeSpan span : matching(tenant, request, request.filter(), sink)) {
      for (AttributeScope scope : request.scopes()) {
        for (String name : span.attributes.getOrDefault(scope, Map.of()).keySet()) {
          if (!sink.addName(scope, name)) {
            return;
          }
        }
      }
    }
  }

  @Override
  public void tagValues(String tenant, TagValuesRequest request, TagSink sink) {
    for (FakeSpan span : matching(tenant, request, request.filter(), sink)) {
      Static value = valueOf(span, request);
      if (value != null && !sink.addValue(value)) {
        return;
      }
    }
  }

  /**
   * Records the call, counts its bytes and returns the tenant's spans that match {@code filter}.
   */
  private List<FakeSpan> matching(
      String tenant, Object request, @Nullable SpanFilter filter, TagSink sink) {
    synchronized (this) {
      calls.add(new Call(tenant, request));
    }
    sink.inspectedBytes(bytesPerCall);
    List<FakeSpan> out = new ArrayList<>();
    for (FakeSpan span : spans.getOrDefault(tenant, List.of())) {
      if (filter == null || filter.matches(span)) {
        out.add(span);
      }
    }
    return out;
  }

  private static @Nullable Static valueOf(FakeSpan span, TagValuesRequest request) {
    if (request.tag() instanceof Intrinsic intrinsic) {
      return span.intrinsic(intrinsic);
    }
    Attribute attribute = (Attribute) request.tag();
    if (attribute.scope() != AttributeScope.NONE) {
      return span.attribute(attribute.scope(), attribute.name());
    }
    Static value = span.attribute(AttributeScope.SPAN, attribute.name());
    return value != null ? value : span.attribute(AttributeScope.RESOURCE, attribute.name());
  }
}
