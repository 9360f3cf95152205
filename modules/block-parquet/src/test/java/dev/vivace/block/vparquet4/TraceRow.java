package dev.vivace.block.vparquet4;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One row of {@code data.parquet} (one trace), field for field as the schema of spec §4: the model
 * of {@link RecordDataFileWriter}, the record-API writer kept as the reference for {@link
 * DataFileWriter}.
 */
final class TraceRow {

  byte[] traceId = new byte[0];
  String traceIdText = "";
  long startTimeUnixNano;
  long endTimeUnixNano;
  String rootServiceName = "";
  String rootSpanName = "";

  /** Service name to {span count, error count}, sorted by name as Tempo writes it. */
  final Map<String, int[]> serviceStats = new TreeMap<>();

  final List<ResourceRow> resources = new ArrayList<>();

  long durationNano() {
    return endTimeUnixNano - startTimeUnixNano;
  }

  static final class ResourceRow {
    List<Attr> attrs = new ArrayList<>();
    int droppedAttributesCount;
    String serviceName = "";

    /** Indexed like {@link WellKnown#RESOURCE_COLUMNS}. */
    final @Nullable String[] wellKnown = new String[WellKnown.RESOURCE_COLUMNS.size()];

    final @Nullable String[] dedicated = new String[DedicatedColumnMapping.SLOTS];
    final List<ScopeRow> scopes = new ArrayList<>();
  }

  static final class ScopeRow {
    String name = "";
    String version = "";
    List<Attr> attrs = new ArrayList<>();
    int droppedAttributesCount;
    final List<SpanRow> spans = new ArrayList<>();
  }

  static final class SpanRow {
    byte[] spanId = new byte[0];
    byte[] parentSpanId = new byte[0];
    int parentId;
    int nestedSetLeft;
    int nestedSetRight;
    String name = "";
    long kind;
    String traceState = "";
    long startTimeUnixNano;
    long durationNano;
    long statusCode;
    String statusMessage = "";
    final List<Attr> attrs = new ArrayList<>();
    int droppedAttributesCount;
    final List<EventRow> events = new ArrayList<>();
    int droppedEventsCount;
    final List<LinkRow> links = new ArrayList<>();
    int droppedLinksCount;
    @Nullable String httpMethod;
    @Nullable String httpUrl;
    @Nullable Long httpStatusCode;
    final @Nullable String[] dedicated = new String[DedicatedColumnMapping.SLOTS];
  }

  static final class EventRow {
    long timeSinceStartNano;
    String name = "";
    final List<Attr> attrs = new ArrayList<>();
    int droppedAttributesCount;
  }

  static final class LinkRow {
    byte[] traceId = new byte[0];
    byte[] spanId = new byte[0];
    String traceState = "";
    final List<Attr> attrs = new ArrayList<>();
    int droppedAttributesCount;
  }
}
