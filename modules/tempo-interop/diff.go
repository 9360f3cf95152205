package main

import (
	"fmt"
	"reflect"
	"sort"

	commonv1 "go.opentelemetry.io/proto/otlp/common/v1"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
)

// diffRows reports every field where two rows differ, by path. Nil and empty slices are equal, and
// ValueUnsupported is compared as the AnyValue it encodes (its JSON spelling is free).
func diffRows(want, got *Trace) []string {
	var out []string
	diffValue("row", reflect.ValueOf(want).Elem(), reflect.ValueOf(got).Elem(), &out)
	return out
}

func diffValue(path string, w, g reflect.Value, out *[]string) {
	switch w.Kind() {
	case reflect.Struct:
		for i := 0; i < w.NumField(); i++ {
			f := w.Type().Field(i)
			p := path + "." + f.Name
			if f.Name == "ValueUnsupported" {
				diffUnsupported(p, w.Field(i).Interface().(*string), g.Field(i).Interface().(*string), out)
				continue
			}
			diffValue(p, w.Field(i), g.Field(i), out)
		}
	case reflect.Slice:
		if w.Type().Elem().Kind() == reflect.Uint8 {
			if string(w.Bytes()) != string(g.Bytes()) {
				*out = append(*out, fmt.Sprintf("%s: want %x, got %x", path, w.Bytes(), g.Bytes()))
			}
			return
		}
		if w.Len() != g.Len() {
			*out = append(*out, fmt.Sprintf("%s: want %d elements, got %d: want %s, got %s",
				path, w.Len(), g.Len(), brief(w), brief(g)))
			return
		}
		for i := 0; i < w.Len(); i++ {
			diffValue(fmt.Sprintf("%s[%d]", path, i), w.Index(i), g.Index(i), out)
		}
	case reflect.Map:
		keys := map[string]bool{}
		for _, k := range w.MapKeys() {
			keys[k.String()] = true
		}
		for _, k := range g.MapKeys() {
			keys[k.String()] = true
		}
		sorted := make([]string, 0, len(keys))
		for k := range keys {
			sorted = append(sorted, k)
		}
		sort.Strings(sorted)
		for _, k := range sorted {
			wv, gv := w.MapIndex(reflect.ValueOf(k)), g.MapIndex(reflect.ValueOf(k))
			p := fmt.Sprintf("%s[%q]", path, k)
			if !wv.IsValid() || !gv.IsValid() {
				*out = append(*out, fmt.Sprintf("%s: want present=%v, got present=%v", p, wv.IsValid(), gv.IsValid()))
				continue
			}
			diffValue(p, wv, gv, out)
		}
	case reflect.Pointer:
		if w.IsNil() != g.IsNil() {
			*out = append(*out, fmt.Sprintf("%s: want %s, got %s", path, brief(w), brief(g)))
			return
		}
		if !w.IsNil() {
			diffValue(path, w.Elem(), g.Elem(), out)
		}
	default:
		if !reflect.DeepEqual(w.Interface(), g.Interface()) {
			*out = append(*out, fmt.Sprintf("%s: want %#v, got %#v", path, w.Interface(), g.Interface()))
		}
	}
}

func brief(v reflect.Value) string {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return "null"
		}
		return fmt.Sprintf("%#v", v.Elem().Interface())
	}
	return fmt.Sprintf("%+v", v.Interface())
}

func diffUnsupported(path string, w, g *string, out *[]string) {
	if (w == nil) != (g == nil) {
		*out = append(*out, fmt.Sprintf("%s: want %s, got %s", path, optKey(w), optKey(g)))
		return
	}
	if w == nil {
		return
	}
	wv, gv := &commonv1.AnyValue{}, &commonv1.AnyValue{}
	werr, gerr := protojson.Unmarshal([]byte(*w), wv), protojson.Unmarshal([]byte(*g), gv)
	if gerr != nil {
		*out = append(*out, fmt.Sprintf("%s: got %q, not protobuf-JSON of an AnyValue: %v", path, *g, gerr))
		return
	}
	if werr != nil || !proto.Equal(wv, gv) {
		*out = append(*out, fmt.Sprintf("%s: want %q, got %q", path, *w, *g))
	}
}
