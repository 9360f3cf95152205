package main

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	commonv1 "go.opentelemetry.io/proto/otlp/common/v1"
	tracev1 "go.opentelemetry.io/proto/otlp/trace/v1"
	"google.golang.org/protobuf/encoding/protojson"
)

// OTLP trace -> vParquet4 row, following spec §5.1–§5.11 (an independent Go implementation; the
// Java writer implements the same rules in TraceRowMapper, Rebatcher and NestedSets).

// wellKnownResource lists the well-known resource keys of §5.2 in read-back order (§5.12).
var wellKnownResource = []string{
	"service.name", "cluster", "namespace", "pod", "container",
	"k8s.cluster.name", "k8s.namespace.name", "k8s.pod.name", "k8s.container.name",
}

// wellKnownSlot returns the optional well-known resource column for key, or nil.
func (r *Resource) wellKnownSlot(key string) **string {
	switch key {
	case "cluster":
		return &r.Cluster
	case "namespace":
		return &r.Namespace
	case "pod":
		return &r.Pod
	case "container":
		return &r.Container
	case "k8s.cluster.name":
		return &r.K8sClusterName
	case "k8s.namespace.name":
		return &r.K8sNamespaceName
	case "k8s.pod.name":
		return &r.K8sPodName
	case "k8s.container.name":
		return &r.K8sContainerName
	}
	return nil
}

// padTraceID left-pads to 16 bytes or keeps the last 16 (§9).
func padTraceID(id []byte) []byte {
	if len(id) >= 16 {
		return append([]byte(nil), id[len(id)-16:]...)
	}
	out := make([]byte, 16)
	copy(out[16-len(id):], id)
	return out
}

// traceIDText is lower-case hex with all leading '0' characters removed (§5.1).
func traceIDText(id []byte) string {
	return strings.TrimLeft(hex.EncodeToString(id), "0")
}

func strPtr(s string) *string { return &s }

// traceToRow converts one complete trace.
func traceToRow(id []byte, batches []*tracev1.ResourceSpans, m mapping) (*Trace, error) {
	row := &Trace{TraceID: padTraceID(id), TraceIDText: traceIDText(id)}
	for _, b := range batches {
		rs := ResourceSpans{}
		if err := convertResource(b, &rs.Resource, m); err != nil {
			return nil, err
		}
		for _, s := range b.GetScopeSpans() {
			ss := ScopeSpans{}
			sc := s.GetScope()
			ss.Scope.Name = sc.GetName()
			ss.Scope.Version = sc.GetVersion()
			ss.Scope.DroppedAttributesCount = int32(sc.GetDroppedAttributesCount())
			var err error
			if ss.Scope.Attrs, err = genericAttrs(sc.GetAttributes()); err != nil {
				return nil, err
			}
			for _, sp := range s.GetSpans() {
				span, err := convertSpan(sp, m)
				if err != nil {
					return nil, err
				}
				ss.Spans = append(ss.Spans, span)
				start, end := sp.GetStartTimeUnixNano(), sp.GetEndTimeUnixNano()
				if row.StartTimeUnixNano == 0 || start < row.StartTimeUnixNano {
					row.StartTimeUnixNano = start
				}
				if end > row.EndTimeUnixNano {
					row.EndTimeUnixNano = end
				}
			}
			rs.ScopeSpans = append(rs.ScopeSpans, ss)
		}
		row.ResourceSpans = append(row.ResourceSpans, rs)
	}
	row.DurationNano = row.EndTimeUnixNano - row.StartTimeUnixNano
	row.RootServiceName, row.RootSpanName = rootNames(batches)
	rebatch(row)
	assignNestedSets(row)
	row.ServiceStats = serviceStats(row)
	return row, nil
}

func convertResource(b *tracev1.ResourceSpans, r *Resource, m mapping) error {
	res := b.GetResource()
	r.DroppedAttributesCount = int32(res.GetDroppedAttributesCount())
	var generic []*commonv1.KeyValue
	for _, kv := range res.GetAttributes() {
		sv, isString := kv.GetValue().GetValue().(*commonv1.AnyValue_StringValue)
		switch {
		case isString && kv.GetKey() == "service.name":
			r.ServiceName = sv.StringValue
		case isString && r.wellKnownSlot(kv.GetKey()) != nil:
			*r.wellKnownSlot(kv.GetKey()) = strPtr(sv.StringValue)
		case isString && m.resourceSlot(kv.GetKey()) >= 0:
			*r.DedicatedAttributes.slots()[m.resourceSlot(kv.GetKey())] = strPtr(sv.StringValue)
		default:
			generic = append(generic, kv)
		}
	}
	var err error
	r.Attrs, err = genericAttrs(generic)
	return err
}

func convertSpan(sp *tracev1.Span, m mapping) (Span, error) {
	s := Span{
		SpanID:                 nonNil(sp.GetSpanId()),
		ParentSpanID:           nonNil(sp.GetParentSpanId()),
		Name:                   sp.GetName(),
		Kind:                   int(sp.GetKind()),
		TraceState:             sp.GetTraceState(),
		StartTimeUnixNano:      sp.GetStartTimeUnixNano(),
		DurationNano:           sp.GetEndTimeUnixNano() - sp.GetStartTimeUnixNano(),
		StatusCode:             int(sp.GetStatus().GetCode()),
		StatusMessage:          sp.GetStatus().GetMessage(),
		DroppedAttributesCount: int32(sp.GetDroppedAttributesCount()),
		DroppedEventsCount:     int32(sp.GetDroppedEventsCount()),
		DroppedLinksCount:      int32(sp.GetDroppedLinksCount()),
	}
	var generic []*commonv1.KeyValue
	for _, kv := range sp.GetAttributes() {
		v := kv.GetValue().GetValue()
		sv, isString := v.(*commonv1.AnyValue_StringValue)
		iv, isInt := v.(*commonv1.AnyValue_IntValue)
		switch {
		case isString && kv.GetKey() == "http.method":
			s.HttpMethod = strPtr(sv.StringValue)
		case isString && kv.GetKey() == "http.url":
			s.HttpUrl = strPtr(sv.StringValue)
		case isInt && kv.GetKey() == "http.status_code":
			i := iv.IntValue
			s.HttpStatusCode = &i
		case isString && m.spanSlot(kv.GetKey()) >= 0:
			*s.DedicatedAttributes.slots()[m.spanSlot(kv.GetKey())] = strPtr(sv.StringValue)
		default:
			generic = append(generic, kv)
		}
	}
	var err error
	if s.Attrs, err = genericAttrs(generic); err != nil {
		return s, err
	}
	for _, e := range sp.GetEvents() {
		ev := Event{
			TimeSinceStartNano:     e.GetTimeUnixNano() - sp.GetStartTimeUnixNano(),
			Name:                   e.GetName(),
			DroppedAttributesCount: int32(e.GetDroppedAttributesCount()),
		}
		if ev.Attrs, err = genericAttrs(e.GetAttributes()); err != nil {
			return s, err
		}
		s.Events = append(s.Events, ev)
	}
	for _, l := range sp.GetLinks() {
		lk := Link{
			TraceID:                nonNil(l.GetTraceId()),
			SpanID:                 nonNil(l.GetSpanId()),
			TraceState:             l.GetTraceState(),
			DroppedAttributesCount: int32(l.GetDroppedAttributesCount()),
		}
		if lk.Attrs, err = genericAttrs(l.GetAttributes()); err != nil {
			return s, err
		}
		s.Links = append(s.Links, lk)
	}
	return s, nil
}

func nonNil(b []byte) []byte {
	if b == nil {
		return []byte{}
	}
	return b
}

func genericAttrs(kvs []*commonv1.KeyValue) ([]Attribute, error) {
	var out []Attribute
	for _, kv := range kvs {
		a, err := genericAttr(kv)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

// genericAttr encodes one attribute as in the table of §5.6.
func genericAttr(kv *commonv1.KeyValue) (Attribute, error) {
	a := Attribute{Key: kv.GetKey()}
	switch v := kv.GetValue().GetValue().(type) {
	case *commonv1.AnyValue_StringValue:
		a.Value = []string{v.StringValue}
		return a, nil
	case *commonv1.AnyValue_IntValue:
		a.ValueInt = []int64{v.IntValue}
		return a, nil
	case *commonv1.AnyValue_DoubleValue:
		a.ValueDouble = []float64{v.DoubleValue}
		return a, nil
	case *commonv1.AnyValue_BoolValue:
		a.ValueBool = []bool{v.BoolValue}
		return a, nil
	case *commonv1.AnyValue_ArrayValue:
		if ok := homogeneousArray(v.ArrayValue.GetValues(), &a); ok {
			return a, nil
		}
	}
	js, err := unsupportedJSON(kv.GetValue())
	if err != nil {
		return a, err
	}
	return Attribute{Key: kv.GetKey(), ValueUnsupported: &js}, nil
}

// homogeneousArray fills the typed list of a when every element has the first element's type.
func homogeneousArray(values []*commonv1.AnyValue, a *Attribute) bool {
	a.IsArray = true
	if len(values) == 0 {
		return true
	}
	for _, e := range values {
		switch v := e.GetValue().(type) {
		case *commonv1.AnyValue_StringValue:
			if len(a.ValueInt)+len(a.ValueDouble)+len(a.ValueBool) > 0 {
				return false
			}
			a.Value = append(a.Value, v.StringValue)
		case *commonv1.AnyValue_IntValue:
			if len(a.Value)+len(a.ValueDouble)+len(a.ValueBool) > 0 {
				return false
			}
			a.ValueInt = append(a.ValueInt, v.IntValue)
		case *commonv1.AnyValue_DoubleValue:
			if len(a.Value)+len(a.ValueInt)+len(a.ValueBool) > 0 {
				return false
			}
			a.ValueDouble = append(a.ValueDouble, v.DoubleValue)
		case *commonv1.AnyValue_BoolValue:
			if len(a.Value)+len(a.ValueInt)+len(a.ValueDouble) > 0 {
				return false
			}
			a.ValueBool = append(a.ValueBool, v.BoolValue)
		default:
			return false
		}
	}
	return true
}

// unsupportedJSON is the compact protobuf-JSON of an AnyValue (protojson randomises whitespace).
func unsupportedJSON(v *commonv1.AnyValue) (string, error) {
	if v == nil {
		v = &commonv1.AnyValue{}
	}
	raw, err := protojson.Marshal(v)
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, raw); err != nil {
		return "", err
	}
	return buf.String(), nil
}

// rootNames chooses the root span on the input trace (§5.11): the last span with an empty parent
// and no same-trace link carrying opentracing.ref_type = child_of.
func rootNames(batches []*tracev1.ResourceSpans) (service, span string) {
	for _, b := range batches {
		for _, s := range b.GetScopeSpans() {
			for _, sp := range s.GetSpans() {
				if len(sp.GetParentSpanId()) != 0 || hasChildOfLink(sp) {
					continue
				}
				span, service = sp.GetName(), ""
				for _, kv := range b.GetResource().GetAttributes() {
					if kv.GetKey() == "service.name" {
						service = kv.GetValue().GetStringValue()
						break
					}
				}
			}
		}
	}
	return service, span
}

func hasChildOfLink(sp *tracev1.Span) bool {
	for _, l := range sp.GetLinks() {
		if !bytes.Equal(l.GetTraceId(), sp.GetTraceId()) {
			continue
		}
		for _, kv := range l.GetAttributes() {
			if kv.GetKey() == "opentracing.ref_type" && kv.GetValue().GetStringValue() == "child_of" {
				return true
			}
		}
	}
	return false
}

// rebatch merges equal resources and scopes by value (§5.8); resource and scope Attrs end up sorted.
func rebatch(row *Trace) {
	var kept []ResourceSpans
	keys := map[string]int{}
	for _, rs := range row.ResourceSpans {
		sortAttrs(rs.Resource.Attrs)
		k := resourceKey(&rs.Resource)
		if i, ok := keys[k]; ok {
			kept[i].ScopeSpans = append(kept[i].ScopeSpans, rs.ScopeSpans...)
			continue
		}
		keys[k] = len(kept)
		kept = append(kept, rs)
	}
	for i := range kept {
		var scopes []ScopeSpans
		skeys := map[string]int{}
		for _, ss := range kept[i].ScopeSpans {
			sortAttrs(ss.Scope.Attrs)
			k := fmt.Sprintf("%q|%q|%s", ss.Scope.Name, ss.Scope.Version, attrsKey(ss.Scope.Attrs))
			if j, ok := skeys[k]; ok {
				scopes[j].Spans = append(scopes[j].Spans, ss.Spans...)
				continue
			}
			skeys[k] = len(scopes)
			scopes = append(scopes, ss)
		}
		kept[i].ScopeSpans = scopes
	}
	row.ResourceSpans = kept
}

func sortAttrs(a []Attribute) {
	sort.SliceStable(a, func(i, j int) bool { return a[i].Key < a[j].Key })
}

func resourceKey(r *Resource) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%q", r.ServiceName)
	for _, p := range []*string{r.Cluster, r.Namespace, r.Pod, r.Container, r.K8sClusterName,
		r.K8sNamespaceName, r.K8sPodName, r.K8sContainerName} {
		b.WriteString("|" + optKey(p))
	}
	for _, p := range r.DedicatedAttributes.slots() {
		b.WriteString("|" + optKey(*p))
	}
	b.WriteString("|" + attrsKey(r.Attrs))
	return b.String()
}

func optKey(p *string) string {
	if p == nil {
		return "nil"
	}
	return fmt.Sprintf("%q", *p)
}

func attrsKey(attrs []Attribute) string {
	js, _ := json.Marshal(attrs)
	return string(js)
}

// spanNode is one span in storage order, for the nested-set model.
type spanNode struct {
	span     *Span
	children []*spanNode
}

// assignNestedSets computes NestedSetLeft/Right and ParentID (§5.9).
func assignNestedSets(row *Trace) {
	var nodes []*spanNode
	byKey := map[[8]byte][]*spanNode{}
	for i := range row.ResourceSpans {
		for j := range row.ResourceSpans[i].ScopeSpans {
			spans := row.ResourceSpans[i].ScopeSpans[j].Spans
			for k := range spans {
				n := &spanNode{span: &spans[k]}
				nodes = append(nodes, n)
				key := spanKey(spans[k].SpanID)
				byKey[key] = append(byKey[key], n)
			}
		}
	}
	var roots []*spanNode
	for _, n := range nodes {
		if len(n.span.ParentSpanID) == 0 {
			roots = append(roots, n)
		}
	}
	if len(roots) == 0 {
		return
	}
	for _, c := range byKey {
		if len(c) > 2 {
			return
		}
	}
	for _, n := range nodes {
		if len(n.span.ParentSpanID) == 0 {
			continue
		}
		if p := parentOf(n, byKey[spanKey(n.span.ParentSpanID)]); p != nil {
			p.children = append(p.children, n)
		}
	}
	counter := int32(1)
	var visit func(n *spanNode, parentLeft int32)
	visit = func(n *spanNode, parentLeft int32) {
		n.span.NestedSetLeft = counter
		counter++
		n.span.ParentID = parentLeft
		for _, c := range n.children {
			visit(c, n.span.NestedSetLeft)
		}
		n.span.NestedSetRight = counter
		counter++
	}
	for _, r := range roots {
		visit(r, -1)
	}
}

func spanKey(id []byte) [8]byte {
	var k [8]byte
	copy(k[:], id)
	return k
}

func parentOf(child *spanNode, candidates []*spanNode) *spanNode {
	switch len(candidates) {
	case 1:
		return candidates[0]
	case 2:
		want := int(tracev1.Span_SPAN_KIND_SERVER)
		if child.span.Kind == int(tracev1.Span_SPAN_KIND_SERVER) {
			want = int(tracev1.Span_SPAN_KIND_CLIENT)
		}
		for _, c := range candidates {
			if c.span.Kind == want {
				return c
			}
		}
	}
	return nil
}

// serviceStats counts spans and errors per resource service name (§5.10).
func serviceStats(row *Trace) map[string]ServiceStats {
	stats := map[string]ServiceStats{}
	for _, rs := range row.ResourceSpans {
		st := stats[rs.Resource.ServiceName]
		for _, ss := range rs.ScopeSpans {
			for _, sp := range ss.Spans {
				st.SpanCount++
				if sp.StatusCode == int(tracev1.Status_STATUS_CODE_ERROR) {
					st.ErrorCount++
				}
			}
		}
		stats[rs.Resource.ServiceName] = st
	}
	return stats
}
