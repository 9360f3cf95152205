package main

import (
	"encoding/hex"
	"fmt"
	"sort"
	"strings"

	"github.com/google/go-cmp/cmp"
	commonv1 "go.opentelemetry.io/proto/otlp/common/v1"
	resourcev1 "go.opentelemetry.io/proto/otlp/resource/v1"
	tracev1 "go.opentelemetry.io/proto/otlp/trace/v1"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/testing/protocmp"
)

// One span with its resource and scope, normalised so that Tempo's documented normalisations
// (block-parquet README "Round-trip normalisations") compare equal: re-batching is irrelevant
// because each span carries its own resource and scope; resource, scope and span attributes are
// compared sorted by key (well-known and dedicated ones move); a resource service.name of "" is
// dropped; schema URLs are ignored; absent Resource/Scope/Status/AnyValue equal empty ones; every
// span carries the row's 16-byte trace ID.
type flatSpan struct {
	key string
	msg *tracev1.ResourceSpans
}

func flatten(traceID []byte, batches []*tracev1.ResourceSpans) []flatSpan {
	var out []flatSpan
	for _, rs := range batches {
		for _, ss := range rs.GetScopeSpans() {
			for _, sp := range ss.GetSpans() {
				res := &resourcev1.Resource{DroppedAttributesCount: rs.GetResource().GetDroppedAttributesCount()}
				for _, kv := range rs.GetResource().GetAttributes() {
					if _, ok := kv.GetValue().GetValue().(*commonv1.AnyValue_StringValue); ok &&
						kv.GetKey() == "service.name" && kv.GetValue().GetStringValue() == "" {
						continue
					}
					res.Attributes = append(res.Attributes, kv)
				}
				res.Attributes = sortedKVs(res.Attributes)
				scope := proto.Clone(orEmptyScope(ss.GetScope())).(*commonv1.InstrumentationScope)
				scope.Attributes = sortedKVs(scope.Attributes)
				span := proto.Clone(sp).(*tracev1.Span)
				span.TraceId = padTraceID(traceID)
				span.Attributes = sortedKVs(span.Attributes)
				if span.Status == nil {
					span.Status = &tracev1.Status{}
				}
				for _, e := range span.Events {
					e.Attributes = emptyValues(e.Attributes)
				}
				for _, l := range span.Links {
					l.Attributes = emptyValues(l.Attributes)
				}
				out = append(out, flatSpan{
					key: fmt.Sprintf("span %s kind %d", hex.EncodeToString(sp.GetSpanId()), sp.GetKind()),
					msg: &tracev1.ResourceSpans{Resource: res, ScopeSpans: []*tracev1.ScopeSpans{
						{Scope: scope, Spans: []*tracev1.Span{span}}}},
				})
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].key < out[j].key })
	return out
}

func orEmptyScope(s *commonv1.InstrumentationScope) *commonv1.InstrumentationScope {
	if s == nil {
		return &commonv1.InstrumentationScope{}
	}
	return s
}

func sortedKVs(kvs []*commonv1.KeyValue) []*commonv1.KeyValue {
	out := emptyValues(kvs)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// emptyValues copies kvs, giving an empty AnyValue to keys without one.
func emptyValues(kvs []*commonv1.KeyValue) []*commonv1.KeyValue {
	out := make([]*commonv1.KeyValue, 0, len(kvs))
	for _, kv := range kvs {
		if kv.Value == nil {
			kv = &commonv1.KeyValue{Key: kv.Key, Value: &commonv1.AnyValue{}}
		}
		out = append(out, kv)
	}
	return out
}

// diffSpans compares two traces span by span and describes each difference.
func diffSpans(traceID []byte, want, got []*tracev1.ResourceSpans) []string {
	w, g := flatten(traceID, want), flatten(traceID, got)
	var out []string
	i, j := 0, 0
	for i < len(w) || j < len(g) {
		switch {
		case j == len(g) || (i < len(w) && w[i].key < g[j].key):
			out = append(out, w[i].key+": missing")
			i++
		case i == len(w) || g[j].key < w[i].key:
			out = append(out, g[j].key+": unexpected")
			j++
		default:
			if !proto.Equal(w[i].msg, g[j].msg) {
				d := cmp.Diff(w[i].msg, g[j].msg, protocmp.Transform())
				out = append(out, w[i].key+": differs (-want +got):\n"+indent(d))
			}
			i++
			j++
		}
	}
	return out
}

func indent(s string) string {
	return "    " + strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n    ")
}
