package main

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	tracesv1 "go.opentelemetry.io/proto/otlp/trace/v1"
	"google.golang.org/protobuf/encoding/protodelim"
)

// inputTrace is one trace of a traces file: its ID and its batches.
type inputTrace struct {
	id      []byte
	batches []*tracesv1.ResourceSpans
}

// readTraces reads a traces file: OTLP TracesData messages, each preceded by its varint length
// (Java's writeDelimitedTo), one message per trace. The trace ID is the spans' trace_id, which
// must be the same for all spans of a message. Returns the traces sorted by padded ID.
func readTraces(path string) ([]inputTrace, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := bufio.NewReader(f)
	var out []inputTrace
	for n := 0; ; n++ {
		td := &tracesv1.TracesData{}
		err := protodelim.UnmarshalFrom(r, td)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: message %d: %w", path, n, err)
		}
		id, err := traceIDOf(td)
		if err != nil {
			return nil, fmt.Errorf("%s: message %d: %w", path, n, err)
		}
		out = append(out, inputTrace{id: id, batches: td.GetResourceSpans()})
	}
	sort.SliceStable(out, func(i, j int) bool {
		return bytes.Compare(padTraceID(out[i].id), padTraceID(out[j].id)) < 0
	})
	for i := 1; i < len(out); i++ {
		if bytes.Equal(padTraceID(out[i-1].id), padTraceID(out[i].id)) {
			return nil, fmt.Errorf("%s: trace %x given twice", path, out[i].id)
		}
	}
	return out, nil
}

func traceIDOf(td *tracesv1.TracesData) ([]byte, error) {
	var id []byte
	for _, rs := range td.GetResourceSpans() {
		for _, ss := range rs.GetScopeSpans() {
			for _, sp := range ss.GetSpans() {
				if id == nil {
					id = sp.GetTraceId()
				} else if !bytes.Equal(id, sp.GetTraceId()) {
					return nil, fmt.Errorf("spans of trace %x and %x in one message", id, sp.GetTraceId())
				}
			}
		}
	}
	if len(id) == 0 {
		return nil, errors.New("no span with a trace_id")
	}
	return id, nil
}

// readIDs reads hex trace IDs, one per line; blank lines and lines starting with # are skipped.
func readIDs(path string) ([][]byte, error) {
	if path == "" {
		return nil, nil
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out [][]byte
	for _, line := range strings.Split(string(raw), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if len(line)%2 == 1 {
			line = "0" + line
		}
		id, err := hex.DecodeString(line)
		if err != nil || len(id) > 16 {
			return nil, fmt.Errorf("%s: bad trace ID %q", path, line)
		}
		out = append(out, padTraceID(id))
	}
	return out, nil
}
