package main

import (
	"fmt"

	commonv1 "go.opentelemetry.io/proto/otlp/common/v1"
	resourcev1 "go.opentelemetry.io/proto/otlp/resource/v1"
	tracev1 "go.opentelemetry.io/proto/otlp/trace/v1"
	"google.golang.org/protobuf/encoding/protojson"
)

// vParquet4 row -> OTLP, following spec §5.12.

func rowToOTLP(row *Trace, m mapping) ([]*tracev1.ResourceSpans, error) {
	var out []*tracev1.ResourceSpans
	for i := range row.ResourceSpans {
		rs := &row.ResourceSpans[i]
		attrs, err := protoAttrs(rs.Resource.Attrs)
		if err != nil {
			return nil, fmt.Errorf("rs[%d].Resource: %w", i, err)
		}
		attrs = appendDedicated(attrs, &rs.Resource.DedicatedAttributes, m.resource)
		if rs.Resource.ServiceName != "" {
			attrs = append(attrs, stringKV("service.name", rs.Resource.ServiceName))
		}
		for _, k := range wellKnownResource[1:] {
			if p := *rs.Resource.wellKnownSlot(k); p != nil {
				attrs = append(attrs, stringKV(k, *p))
			}
		}
		batch := &tracev1.ResourceSpans{Resource: &resourcev1.Resource{
			Attributes:             attrs,
			DroppedAttributesCount: uint32(rs.Resource.DroppedAttributesCount),
		}}
		for j := range rs.ScopeSpans {
			ss := &rs.ScopeSpans[j]
			sattrs, err := protoAttrs(ss.Scope.Attrs)
			if err != nil {
				return nil, fmt.Errorf("rs[%d].ss[%d].Scope: %w", i, j, err)
			}
			scope := &tracev1.ScopeSpans{Scope: &commonv1.InstrumentationScope{
				Name:                   ss.Scope.Name,
				Version:                ss.Scope.Version,
				Attributes:             sattrs,
				DroppedAttributesCount: uint32(ss.Scope.DroppedAttributesCount),
			}}
			for k := range ss.Spans {
				sp, err := protoSpan(row.TraceID, &ss.Spans[k], m)
				if err != nil {
					return nil, fmt.Errorf("rs[%d].ss[%d].Spans[%d]: %w", i, j, k, err)
				}
				scope.Spans = append(scope.Spans, sp)
			}
			batch.ScopeSpans = append(batch.ScopeSpans, scope)
		}
		out = append(out, batch)
	}
	return out, nil
}

func protoSpan(traceID []byte, s *Span, m mapping) (*tracev1.Span, error) {
	attrs, err := protoAttrs(s.Attrs)
	if err != nil {
		return nil, err
	}
	attrs = appendDedicated(attrs, &s.DedicatedAttributes, m.span)
	if s.HttpMethod != nil {
		attrs = append(attrs, stringKV("http.method", *s.HttpMethod))
	}
	if s.HttpUrl != nil {
		attrs = append(attrs, stringKV("http.url", *s.HttpUrl))
	}
	if s.HttpStatusCode != nil {
		attrs = append(attrs, &commonv1.KeyValue{Key: "http.status_code",
			Value: &commonv1.AnyValue{Value: &commonv1.AnyValue_IntValue{IntValue: *s.HttpStatusCode}}})
	}
	sp := &tracev1.Span{
		TraceId:                traceID,
		SpanId:                 s.SpanID,
		ParentSpanId:           s.ParentSpanID,
		TraceState:             s.TraceState,
		Name:                   s.Name,
		Kind:                   tracev1.Span_SpanKind(s.Kind),
		StartTimeUnixNano:      s.StartTimeUnixNano,
		EndTimeUnixNano:        s.StartTimeUnixNano + s.DurationNano,
		Attributes:             attrs,
		DroppedAttributesCount: uint32(s.DroppedAttributesCount),
		DroppedEventsCount:     uint32(s.DroppedEventsCount),
		DroppedLinksCount:      uint32(s.DroppedLinksCount),
		Status:                 &tracev1.Status{Code: tracev1.Status_StatusCode(s.StatusCode), Message: s.StatusMessage},
	}
	for i, e := range s.Events {
		ea, err := protoAttrs(e.Attrs)
		if err != nil {
			return nil, fmt.Errorf("Events[%d]: %w", i, err)
		}
		sp.Events = append(sp.Events, &tracev1.Span_Event{
			TimeUnixNano:           s.StartTimeUnixNano + e.TimeSinceStartNano,
			Name:                   e.Name,
			Attributes:             ea,
			DroppedAttributesCount: uint32(e.DroppedAttributesCount),
		})
	}
	for i, l := range s.Links {
		la, err := protoAttrs(l.Attrs)
		if err != nil {
			return nil, fmt.Errorf("Links[%d]: %w", i, err)
		}
		sp.Links = append(sp.Links, &tracev1.Span_Link{
			TraceId:                l.TraceID,
			SpanId:                 l.SpanID,
			TraceState:             l.TraceState,
			Attributes:             la,
			DroppedAttributesCount: uint32(l.DroppedAttributesCount),
		})
	}
	return sp, nil
}

func appendDedicated(attrs []*commonv1.KeyValue, d *DedicatedAttributes, names []string) []*commonv1.KeyValue {
	slots := d.slots()
	for k, name := range names {
		if p := *slots[k]; p != nil {
			attrs = append(attrs, stringKV(name, *p))
		}
	}
	return attrs
}

func stringKV(k, v string) *commonv1.KeyValue {
	return &commonv1.KeyValue{Key: k, Value: &commonv1.AnyValue{Value: &commonv1.AnyValue_StringValue{StringValue: v}}}
}

// protoAttrs is the read side of §5.6.
func protoAttrs(attrs []Attribute) ([]*commonv1.KeyValue, error) {
	var out []*commonv1.KeyValue
	for _, a := range attrs {
		kv := &commonv1.KeyValue{Key: a.Key}
		values := typedValues(&a)
		switch {
		case a.IsArray:
			kv.Value = &commonv1.AnyValue{Value: &commonv1.AnyValue_ArrayValue{
				ArrayValue: &commonv1.ArrayValue{Values: values}}}
		case len(values) > 0:
			kv.Value = values[0]
		case a.ValueUnsupported != nil:
			v := &commonv1.AnyValue{}
			if err := protojson.Unmarshal([]byte(*a.ValueUnsupported), v); err != nil {
				return nil, fmt.Errorf("attribute %q: ValueUnsupported %q: %w", a.Key, *a.ValueUnsupported, err)
			}
			kv.Value = v
		}
		out = append(out, kv)
	}
	return out, nil
}

// typedValues returns the first non-empty list in the order Value, ValueInt, ValueDouble, ValueBool.
func typedValues(a *Attribute) []*commonv1.AnyValue {
	var out []*commonv1.AnyValue
	switch {
	case len(a.Value) > 0:
		for _, v := range a.Value {
			out = append(out, &commonv1.AnyValue{Value: &commonv1.AnyValue_StringValue{StringValue: v}})
		}
	case len(a.ValueInt) > 0:
		for _, v := range a.ValueInt {
			out = append(out, &commonv1.AnyValue{Value: &commonv1.AnyValue_IntValue{IntValue: v}})
		}
	case len(a.ValueDouble) > 0:
		for _, v := range a.ValueDouble {
			out = append(out, &commonv1.AnyValue{Value: &commonv1.AnyValue_DoubleValue{DoubleValue: v}})
		}
	case len(a.ValueBool) > 0:
		for _, v := range a.ValueBool {
			out = append(out, &commonv1.AnyValue{Value: &commonv1.AnyValue_BoolValue{BoolValue: v}})
		}
	}
	return out
}
