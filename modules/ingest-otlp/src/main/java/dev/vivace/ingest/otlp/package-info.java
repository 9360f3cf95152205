/**
 * OTLP trace receivers: gRPC {@code TraceService/Export} and HTTP {@code POST /v1/traces}, with
 * protobuf and JSON bodies, gzip, tenants, validation and limits answered as OTLP clients expect.
 */
@NullMarked
package dev.vivace.ingest.otlp;

import org.jspecify.annotations.NullMarked;
