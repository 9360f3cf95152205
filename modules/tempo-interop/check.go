package main

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"time"

	"github.com/parquet-go/parquet-go"
)

// checker collects problems instead of stopping at the first one.
type checker struct {
	problems     []string
	known        []string // problems of a kind the caller declared known (-known-null-pages)
	indexedPages int      // pages whose column-index bounds were checked
	knownNull    bool
}

func (c *checker) fail(format string, args ...any) {
	c.problems = append(c.problems, fmt.Sprintf(format, args...))
}

// checkBlock checks a block against the traces it should hold and IDs it must not.
func checkBlock(root, tenant, blockID string, traces []inputTrace, absent [][]byte, knownNull bool, level uint32) (*checker, *block, error) {
	b, err := openBlock(root, tenant, blockID)
	if err != nil {
		return nil, nil, err
	}
	defer b.close()
	c := &checker{knownNull: knownNull}
	c.checkSchema(b.file.Schema(), b)
	rows, err := b.allRows()
	if err != nil {
		return nil, nil, fmt.Errorf("reading all rows: %w", err)
	}
	c.checkMeta(b, rows, traces, level)
	c.checkRows(b, rows)
	c.checkIndex(b)
	c.checkColumnIndexes(b)
	m := mappingOf(b.meta.DedicatedColumns)
	for _, t := range traces {
		c.checkTrace(b, m, t)
	}
	for _, id := range absent {
		got, err := b.find(id)
		if err != nil {
			c.fail("absent trace %x: find failed: %v", id, err)
		} else if got != nil {
			c.fail("absent trace %x: found", id)
		}
	}
	return c, b, nil
}

// checkSchema compares the file's own schema, node by node, with the row schema (§4.4, §4.6).
func (c *checker) checkSchema(_ *parquet.Schema, b *block) {
	plain, err := parquet.OpenFile(b.data, int64(b.meta.Size), parquet.SkipPageIndex(true), parquet.SkipBloomFilters(true))
	if err != nil {
		c.fail("schema: opening without a known schema: %v", err)
		return
	}
	if got := plain.Schema().Name(); got != traceSchema.Name() {
		c.fail("schema: root name %q, want %q", got, traceSchema.Name())
	}
	compareNodes(c, "", traceSchema, plain.Schema())
	if got, want := len(plain.Schema().Columns()), len(traceSchema.Columns()); got != want {
		c.fail("schema: %d leaf columns, want %d", got, want)
	}
}

func compareNodes(c *checker, path string, want, got parquet.Node) {
	if want.Leaf() != got.Leaf() || want.Optional() != got.Optional() || want.Repeated() != got.Repeated() {
		c.fail("schema %s: leaf/optional/repeated %v/%v/%v, want %v/%v/%v", path,
			got.Leaf(), got.Optional(), got.Repeated(), want.Leaf(), want.Optional(), want.Repeated())
		return
	}
	if want.Leaf() {
		if w, g := want.Type().String(), got.Type().String(); w != g {
			c.fail("schema %s: type %s, want %s", path, g, w)
		}
		if w, g := want.Type().Kind(), got.Type().Kind(); w != g {
			c.fail("schema %s: physical type %v, want %v", path, g, w)
		}
		return
	}
	if w, g := fmt.Sprint(want.Type().LogicalType()), fmt.Sprint(got.Type().LogicalType()); w != g {
		c.fail("schema %s: logical type %s, want %s", path, g, w)
	}
	wf, gf := want.Fields(), got.Fields()
	if len(wf) != len(gf) {
		c.fail("schema %s: %d fields, want %d", path, len(gf), len(wf))
		return
	}
	for i := range wf {
		p := path + "." + wf[i].Name()
		if wf[i].Name() != gf[i].Name() {
			c.fail("schema %s: field %d is named %q, want %q", path, i, gf[i].Name(), wf[i].Name())
			continue
		}
		compareNodes(c, p, wf[i], gf[i])
	}
}

func (c *checker) checkMeta(b *block, rows []Trace, traces []inputTrace, level uint32) {
	m := b.meta
	st, err := os.Stat(b.object("data.parquet"))
	if err != nil {
		c.fail("meta: %v", err)
		return
	}
	want := func(name string, got, want any) {
		if !reflect.DeepEqual(got, want) {
			c.fail("meta.%s = %v, want %v", name, got, want)
		}
	}
	want("format", m.Format, "vParquet4")
	want("blockID", m.BlockID, filepath.Base(b.dir))
	want("tenantID", m.TenantID, filepath.Base(filepath.Dir(b.dir)))
	want("size", m.Size, uint64(st.Size()))
	want("encoding", m.Encoding, "none")
	want("dataEncoding", m.DataEncoding, "")
	want("compactionLevel", m.CompactionLevel, level)
	want("totalObjects", m.TotalObjects, int64(len(rows)))
	want("totalRecords", m.TotalRecords, uint32(len(b.file.RowGroups())))
	want("dedicatedColumns", m.DedicatedColumns, filterDedicated(m.DedicatedColumns))
	var tail [8]byte
	if _, err := b.data.ReadAt(tail[:], st.Size()-8); err == nil {
		want("footerSize", m.FooterSize, binary.LittleEndian.Uint32(tail[:4]))
	}
	shards, _ := filepath.Glob(b.object("bloom-*"))
	want("bloomShards", int(m.BloomShards), len(shards))
	if m.BloomShards == 0 {
		c.fail("meta.bloomShards = 0: Tempo would assume 10 shards")
	}
	var minStart, maxEnd uint64
	for _, t := range traces {
		for _, rs := range t.batches {
			for _, ss := range rs.GetScopeSpans() {
				for _, sp := range ss.GetSpans() {
					if minStart == 0 || sp.GetStartTimeUnixNano() < minStart {
						minStart = sp.GetStartTimeUnixNano()
					}
					maxEnd = max(maxEnd, sp.GetEndTimeUnixNano())
				}
			}
		}
	}
	start, end := time.Unix(0, int64(minStart)), time.Unix(0, int64(maxEnd))
	if m.StartTime.After(start) || start.Sub(m.StartTime) >= time.Second {
		c.fail("meta.startTime = %s, want within the second up to the earliest span start %s",
			m.StartTime.Format(time.RFC3339Nano), start.UTC().Format(time.RFC3339Nano))
	}
	if d := end.Sub(m.EndTime); d < 0 && -d >= time.Second || d >= time.Second {
		c.fail("meta.endTime = %s, want within a second of the latest span end %s",
			m.EndTime.Format(time.RFC3339Nano), end.UTC().Format(time.RFC3339Nano))
	}
}

// checkRows checks the global sort order (§6.1) and that every stored ID passes its bloom shard.
func (c *checker) checkRows(b *block, rows []Trace) {
	for i, r := range rows {
		if len(r.TraceID) != 16 {
			c.fail("row %d: TraceID has %d bytes, want 16", i, len(r.TraceID))
		}
		if i > 0 && bytes.Compare(rows[i-1].TraceID, r.TraceID) >= 0 {
			c.fail("row %d: TraceID %x not above the previous row's %x", i, r.TraceID, rows[i-1].TraceID)
		}
		if ok, err := b.bloomTest(r.TraceID); err != nil || !ok {
			c.fail("row %d: TraceID %x not in its bloom shard (err %v)", i, r.TraceID, err)
		}
	}
}

// checkIndex checks the index object: the last trace ID of each row group (§7.1).
func (c *checker) checkIndex(b *block) {
	raw, err := os.ReadFile(b.object("index"))
	if err != nil {
		c.fail("index: %v", err)
		return
	}
	var idx struct {
		RowGroups [][]byte `json:"rowGroups"`
	}
	if err := json.Unmarshal(raw, &idx); err != nil {
		c.fail("index: %v", err)
		return
	}
	rgs := b.file.RowGroups()
	if len(idx.RowGroups) != len(rgs) {
		c.fail("index: %d entries, want one per row group (%d)", len(idx.RowGroups), len(rgs))
		return
	}
	for i, rg := range rgs {
		last, err := lastTraceID(rg)
		if err != nil {
			c.fail("index: row group %d: %v", i, err)
		} else if !bytes.Equal(idx.RowGroups[i], last) {
			c.fail("index: entry %d = %s, want the row group's last ID %s", i,
				base64.StdEncoding.EncodeToString(idx.RowGroups[i]), base64.StdEncoding.EncodeToString(last))
		}
	}
}

func lastTraceID(rg parquet.RowGroup) ([]byte, error) {
	pages := rg.ColumnChunks()[0].Pages()
	defer pages.Close()
	var last []byte
	buf := make([]parquet.Value, 256)
	for {
		p, err := pages.ReadPage()
		if err == io.EOF {
			return last, nil
		}
		if err != nil {
			return nil, err
		}
		vr := p.Values()
		for {
			n, err := vr.ReadValues(buf)
			if n > 0 {
				last = buf[n-1].Clone().ByteArray()
			}
			if err == io.EOF {
				break
			}
			if err != nil {
				return nil, err
			}
		}
	}
}

// checkColumnIndexes checks W11: page min/max in the column index bound the page's values, under
// the column type's order (Tempo skips pages and chunks by these bounds).
func (c *checker) checkColumnIndexes(b *block) {
	leaves := traceSchema.Columns()
	for r, rg := range b.file.RowGroups() {
		for col, cc := range rg.ColumnChunks() {
			ci, err := cc.ColumnIndex()
			if err != nil || ci == nil {
				continue // no page index: safe (§6.3)
			}
			typ := cc.Type()
			pages := cc.Pages()
			buf := make([]parquet.Value, 512)
			for p := 0; ; p++ {
				page, err := pages.ReadPage()
				if err == io.EOF {
					if p != ci.NumPages() {
						c.fail("column index rg %d %v: %d pages indexed, %d read", r, leaves[col], ci.NumPages(), p)
					}
					break
				}
				if err != nil {
					c.fail("column index rg %d %v: page %d: %v", r, leaves[col], p, err)
					break
				}
				if p >= ci.NumPages() {
					continue
				}
				lo, hi, nullPage := ci.MinValue(p), ci.MaxValue(p), ci.NullPage(p)
				c.indexedPages++
				vr := page.Values()
				for nonNull := false; ; {
					n, err := vr.ReadValues(buf)
					for _, v := range buf[:n] {
						if v.IsNull() {
							continue
						}
						if nullPage && !nonNull {
							// parquet-go then has no bounds and Tempo's predicates skip the page.
							msg := fmt.Sprintf("column index rg %d %v page %d: null_pages is true but the page holds values", r, leaves[col], p)
							if c.knownNull {
								c.known = append(c.known, msg)
							} else {
								c.problems = append(c.problems, msg)
							}
						}
						nonNull = true
						if nullPage {
							continue
						}
						if typ.Compare(v, lo) < 0 || typ.Compare(v, hi) > 0 {
							c.fail("column index rg %d %v page %d: value %v outside [%v, %v]", r, leaves[col], p, v, lo, hi)
						}
					}
					if err != nil {
						break
					}
				}
			}
			pages.Close()
		}
	}
}

// checkTrace finds one expected trace as Tempo does and compares it as a row and as OTLP.
func (c *checker) checkTrace(b *block, m mapping, t inputTrace) {
	id := padTraceID(t.id)
	got, err := b.find(id)
	if err != nil {
		c.fail("trace %x: find failed: %v", id, err)
		return
	}
	if got == nil {
		c.fail("trace %x: not found", id)
		return
	}
	want, err := traceToRow(t.id, t.batches, m)
	if err != nil {
		c.fail("trace %x: converting the expected trace: %v", id, err)
		return
	}
	for _, d := range diffRows(want, got) {
		c.fail("trace %x: %s", id, d)
	}
	otlp, err := rowToOTLP(got, m)
	if err != nil {
		c.fail("trace %x: reading the row as OTLP: %v", id, err)
		return
	}
	for _, d := range diffSpans(id, t.batches, otlp) {
		c.fail("trace %x: OTLP %s", id, d)
	}
}
