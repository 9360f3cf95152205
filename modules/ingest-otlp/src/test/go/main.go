// Command otlp-grpc-client sends one OTLP/gRPC Export with grpc-go, the client the OpenTelemetry
// Collector's otlp exporter uses, and prints how grpc-go read the answer: one line
// "code=<Code> retry=<seconds or -> message=<text>". It exits 0 whatever the code; only a client
// error (bad flags, no connection) exits non-zero.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	coltracepb "go.opentelemetry.io/proto/otlp/collector/trace/v1"
	commonpb "go.opentelemetry.io/proto/otlp/common/v1"
	resourcepb "go.opentelemetry.io/proto/otlp/resource/v1"
	tracepb "go.opentelemetry.io/proto/otlp/trace/v1"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

func main() {
	addr := flag.String("addr", "", "host:port of the OTLP/gRPC receiver")
	tenant := flag.String("tenant", "", "X-Scope-OrgID to send; empty sends none")
	spanIDBytes := flag.Int("span-id-bytes", 8, "length of the span ID (not 8 makes the request invalid)")
	payload := flag.Int("payload", 200, "bytes of one string attribute")
	flag.Parse()
	if *addr == "" {
		fmt.Fprintln(os.Stderr, "-addr is required")
		os.Exit(2)
	}

	conn, err := grpc.NewClient(*addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		fmt.Fprintln(os.Stderr, "dial:", err)
		os.Exit(1)
	}
	defer conn.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if *tenant != "" {
		ctx = metadata.AppendToOutgoingContext(ctx, "x-scope-orgid", *tenant)
	}
	_, err = coltracepb.NewTraceServiceClient(conn).Export(ctx, request(*spanIDBytes, *payload))
	st := status.Convert(err)
	retry := "-"
	for _, d := range st.Details() {
		if ri, ok := d.(*errdetails.RetryInfo); ok {
			retry = fmt.Sprint(ri.GetRetryDelay().GetSeconds())
		}
	}
	fmt.Printf("code=%s retry=%s message=%s\n", st.Code(), retry, st.Message())
}

func request(spanIDBytes, payload int) *coltracepb.ExportTraceServiceRequest {
	traceID := make([]byte, 16)
	traceID[15] = 7
	spanID := make([]byte, spanIDBytes)
	if spanIDBytes > 0 {
		spanID[spanIDBytes-1] = 1
	}
	now := uint64(time.Now().UnixNano())
	value := make([]byte, payload)
	for i := range value {
		value[i] = 'v'
	}
	str := func(s string) *commonpb.AnyValue {
		return &commonpb.AnyValue{Value: &commonpb.AnyValue_StringValue{StringValue: s}}
	}
	return &coltracepb.ExportTraceServiceRequest{ResourceSpans: []*tracepb.ResourceSpans{{
		Resource: &resourcepb.Resource{Attributes: []*commonpb.KeyValue{{Key: "service.name", Value: str("grpc-go")}}},
		ScopeSpans: []*tracepb.ScopeSpans{{Spans: []*tracepb.Span{{
			TraceId:           traceID,
			SpanId:            spanID,
			Name:              "export",
			StartTimeUnixNano: now,
			EndTimeUnixNano:   now + 1000,
			Attributes:        []*commonpb.KeyValue{{Key: "payload", Value: str(string(value))}},
		}}}},
	}}}
}
