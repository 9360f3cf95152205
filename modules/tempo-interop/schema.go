package main

// The vParquet4 row model, written from the Vivace block-format spec (§4.1–§4.4): one row per trace.
// Field order, names, Go types and struct tags are chosen so that parquet-go v0.26.4 derives exactly
// the 103 leaf columns of spec §4.4 (names, physical/logical types, repetition, codecs, encodings).
// Tempo opens files with this kind of known schema and maps column chunks by position (§4.6), so
// check-block compares every leaf of a block's file schema with the schema derived from Trace.

// Trace is one row.
type Trace struct {
	TraceID           []byte                  `parquet:"TraceID"`
	TraceIDText       string                  `parquet:"TraceIDText,snappy"`
	StartTimeUnixNano uint64                  `parquet:"StartTimeUnixNano,delta"`
	EndTimeUnixNano   uint64                  `parquet:"EndTimeUnixNano,delta"`
	DurationNano      uint64                  `parquet:"DurationNano,delta"`
	RootServiceName   string                  `parquet:"RootServiceName,dict"`
	RootSpanName      string                  `parquet:"RootSpanName,dict"`
	ServiceStats      map[string]ServiceStats `parquet:"ServiceStats"`
	ResourceSpans     []ResourceSpans         `parquet:"rs,list"`
}

// ServiceStats is the value of one ServiceStats map entry (§5.10).
type ServiceStats struct {
	SpanCount  uint32 `parquet:"SpanCount,delta"`
	ErrorCount uint32 `parquet:"ErrorCount,delta"`
}

// ResourceSpans is one element of rs.
type ResourceSpans struct {
	Resource   Resource     `parquet:"Resource"`
	ScopeSpans []ScopeSpans `parquet:"ss,list"`
}

// Resource holds generic, well-known and dedicated resource attributes (§5.2).
type Resource struct {
	Attrs                  []Attribute         `parquet:"Attrs,list"`
	DroppedAttributesCount int32               `parquet:"DroppedAttributesCount,snappy,delta"`
	ServiceName            string              `parquet:"ServiceName,snappy,dict"`
	Cluster                *string             `parquet:"Cluster,snappy,optional,dict"`
	Namespace              *string             `parquet:"Namespace,snappy,optional,dict"`
	Pod                    *string             `parquet:"Pod,snappy,optional,dict"`
	Container              *string             `parquet:"Container,snappy,optional,dict"`
	K8sClusterName         *string             `parquet:"K8sClusterName,snappy,optional,dict"`
	K8sNamespaceName       *string             `parquet:"K8sNamespaceName,snappy,optional,dict"`
	K8sPodName             *string             `parquet:"K8sPodName,snappy,optional,dict"`
	K8sContainerName       *string             `parquet:"K8sContainerName,snappy,optional,dict"`
	DedicatedAttributes    DedicatedAttributes `parquet:"DedicatedAttributes"`
}

// ScopeSpans is one element of ss.
type ScopeSpans struct {
	Scope Scope  `parquet:"Scope"`
	Spans []Span `parquet:"Spans,list"`
}

// Scope is the instrumentation scope (§5.3).
type Scope struct {
	Name                   string      `parquet:"Name,snappy,dict"`
	Version                string      `parquet:"Version,snappy,dict"`
	Attrs                  []Attribute `parquet:"Attrs,list"`
	DroppedAttributesCount int32       `parquet:"DroppedAttributesCount,snappy,delta"`
}

// Span is one span (§5.4).
type Span struct {
	SpanID                 []byte              `parquet:"SpanID"`
	ParentSpanID           []byte              `parquet:"ParentSpanID"`
	ParentID               int32               `parquet:"ParentID,delta"`
	NestedSetLeft          int32               `parquet:"NestedSetLeft,delta"`
	NestedSetRight         int32               `parquet:"NestedSetRight,delta"`
	Name                   string              `parquet:"Name,snappy,dict"`
	Kind                   int                 `parquet:"Kind,delta"`
	TraceState             string              `parquet:"TraceState,snappy"`
	StartTimeUnixNano      uint64              `parquet:"StartTimeUnixNano,delta"`
	DurationNano           uint64              `parquet:"DurationNano,delta"`
	StatusCode             int                 `parquet:"StatusCode,delta"`
	StatusMessage          string              `parquet:"StatusMessage,snappy"`
	Attrs                  []Attribute         `parquet:"Attrs,list"`
	DroppedAttributesCount int32               `parquet:"DroppedAttributesCount,snappy,delta"`
	Events                 []Event             `parquet:"Events,list"`
	DroppedEventsCount     int32               `parquet:"DroppedEventsCount,snappy"`
	Links                  []Link              `parquet:"Links,list"`
	DroppedLinksCount      int32               `parquet:"DroppedLinksCount,snappy"`
	HttpMethod             *string             `parquet:"HttpMethod,snappy,optional,dict"`
	HttpUrl                *string             `parquet:"HttpUrl,snappy,optional,dict"`
	HttpStatusCode         *int64              `parquet:"HttpStatusCode,snappy,optional"`
	DedicatedAttributes    DedicatedAttributes `parquet:"DedicatedAttributes"`
}

// Event is one span event (§5.5).
type Event struct {
	TimeSinceStartNano     uint64      `parquet:"TimeSinceStartNano,delta"`
	Name                   string      `parquet:"Name,snappy,dict"`
	Attrs                  []Attribute `parquet:"Attrs,list"`
	DroppedAttributesCount int32       `parquet:"DroppedAttributesCount,snappy,delta"`
}

// Link is one span link (§5.5).
type Link struct {
	TraceID                []byte      `parquet:"TraceID"`
	SpanID                 []byte      `parquet:"SpanID"`
	TraceState             string      `parquet:"TraceState,snappy"`
	Attrs                  []Attribute `parquet:"Attrs,list"`
	DroppedAttributesCount int32       `parquet:"DroppedAttributesCount,snappy,delta"`
}

// Attribute is one generic attribute (§5.6).
type Attribute struct {
	Key              string    `parquet:"Key,snappy,dict"`
	IsArray          bool      `parquet:"IsArray,snappy"`
	Value            []string  `parquet:"Value,snappy,dict,list"`
	ValueInt         []int64   `parquet:"ValueInt,snappy,list"`
	ValueDouble      []float64 `parquet:"ValueDouble,snappy,list"`
	ValueBool        []bool    `parquet:"ValueBool,snappy,list"`
	ValueUnsupported *string   `parquet:"ValueUnsupported,snappy,optional"`
}

// DedicatedAttributes are the spare columns String01..String10 (§5.7).
type DedicatedAttributes struct {
	String01 *string `parquet:"String01,snappy,optional,dict"`
	String02 *string `parquet:"String02,snappy,optional,dict"`
	String03 *string `parquet:"String03,snappy,optional,dict"`
	String04 *string `parquet:"String04,snappy,optional,dict"`
	String05 *string `parquet:"String05,snappy,optional,dict"`
	String06 *string `parquet:"String06,snappy,optional,dict"`
	String07 *string `parquet:"String07,snappy,optional,dict"`
	String08 *string `parquet:"String08,snappy,optional,dict"`
	String09 *string `parquet:"String09,snappy,optional,dict"`
	String10 *string `parquet:"String10,snappy,optional,dict"`
}

// slots returns pointers to the ten spare columns, in order.
func (d *DedicatedAttributes) slots() []**string {
	return []**string{
		&d.String01, &d.String02, &d.String03, &d.String04, &d.String05,
		&d.String06, &d.String07, &d.String08, &d.String09, &d.String10,
	}
}
