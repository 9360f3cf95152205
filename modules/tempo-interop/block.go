package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"

	"github.com/parquet-go/parquet-go"
	"github.com/willf/bloom"
)

// A block in Tempo's local backend layout <root>/<tenant>/<blockID>/<object> (spec §1).
type block struct {
	dir  string
	meta blockMeta
	file *parquet.File
	data *os.File
}

var traceSchema = parquet.SchemaOf(new(Trace))

func (b *block) object(name string) string { return filepath.Join(b.dir, name) }

// openBlock reads meta.json and opens data.parquet as Tempo does: size and footer size from the
// meta, and the known row schema (positional column mapping, §4.6, §6.3).
func openBlock(root, tenant, blockID string) (*block, error) {
	b := &block{dir: filepath.Join(root, tenant, blockID)}
	raw, err := os.ReadFile(b.object("meta.json"))
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(raw, &b.meta); err != nil {
		return nil, fmt.Errorf("meta.json: %w", err)
	}
	if b.data, err = os.Open(b.object("data.parquet")); err != nil {
		return nil, err
	}
	b.file, err = parquet.OpenFile(footerFromMeta{b.data, b.meta}, int64(b.meta.Size),
		parquet.FileSchema(traceSchema), parquet.SkipBloomFilters(true))
	if err != nil {
		return nil, fmt.Errorf("data.parquet: %w", err)
	}
	return b, nil
}

func (b *block) close() { b.data.Close() }

// footerFromMeta answers reads of the last 8 bytes from meta.footerSize instead of the file,
// as Tempo does (§6.3): a wrong footerSize in the meta then breaks opening, as it would in Tempo.
type footerFromMeta struct {
	r    io.ReaderAt
	meta blockMeta
}

func (f footerFromMeta) ReadAt(p []byte, off int64) (int, error) {
	n, err := f.r.ReadAt(p, off)
	tail := int64(f.meta.Size) - 8
	if f.meta.FooterSize == 0 {
		return n, err
	}
	var synth [8]byte
	binary.LittleEndian.PutUint32(synth[:4], f.meta.FooterSize)
	copy(synth[4:], "PAR1")
	for i := range p {
		if pos := off + int64(i); pos >= tail && pos < tail+8 {
			p[i] = synth[pos-tail]
		}
	}
	return n, err
}

// fnv1 is the 32-bit FNV-1 (not 1a) of §8.2.
func fnv1(b []byte) uint32 {
	h := fnv.New32()
	h.Write(b)
	return h.Sum32()
}

func (b *block) bloomShards() uint32 {
	if b.meta.BloomShards == 0 {
		return 10
	}
	return b.meta.BloomShards
}

// bloomTest reads the shard for id with willf/bloom, the library Tempo uses (§8).
func (b *block) bloomTest(id []byte) (bool, error) {
	shard := fnv1(id) % b.bloomShards()
	raw, err := os.ReadFile(b.object(fmt.Sprintf("bloom-%d", shard)))
	if err != nil {
		return false, err
	}
	f := &bloom.BloomFilter{}
	if _, err := f.ReadFrom(bytes.NewReader(raw)); err != nil {
		return false, fmt.Errorf("bloom-%d: %w", shard, err)
	}
	return f.Test(id), nil
}

// firstTraceID returns the first TraceID value of a row group, read from its first page.
func firstTraceID(rg parquet.RowGroup) ([]byte, error) {
	pages := rg.ColumnChunks()[0].Pages()
	defer pages.Close()
	p, err := pages.ReadPage()
	if err != nil {
		return nil, err
	}
	v := make([]parquet.Value, 1)
	if n, err := p.Values().ReadValues(v); n != 1 {
		return nil, fmt.Errorf("first TraceID: %v", err)
	}
	return v[0].Clone().ByteArray(), nil
}

// rowGroupFor is the binary search of §7.2 step 3; -1 if no row group can hold id.
func (b *block) rowGroupFor(id []byte) (int, error) {
	rgs := b.file.RowGroups()
	n := len(rgs)
	minOf := func(i int) ([]byte, error) {
		switch i {
		case 0:
			return make([]byte, 16), nil
		case n:
			return bytes.Repeat([]byte{0xff}, 16), nil
		}
		return firstTraceID(rgs[i])
	}
	lo, hi := 0, n
	for lo < hi {
		i := (lo + hi) / 2
		mi, err := minOf(i)
		if err != nil {
			return -1, err
		}
		c := bytes.Compare(id, mi)
		if c < 0 {
			hi = i
			continue
		}
		if c == 0 {
			return i, nil
		}
		next, err := minOf(i + 1)
		if err != nil {
			return -1, err
		}
		c = bytes.Compare(id, next)
		if c > 0 || (c == 0 && i < n-1) {
			lo = i + 1
			continue
		}
		return i, nil
	}
	return -1, nil
}

// rowOf scans the TraceID column of row group rg; returns the row number in the file, or -1.
func (b *block) rowOf(rg int, id []byte) (int64, error) {
	base := int64(0)
	for _, g := range b.file.RowGroups()[:rg] {
		base += g.NumRows()
	}
	pages := b.file.RowGroups()[rg].ColumnChunks()[0].Pages()
	defer pages.Close()
	row := int64(0)
	buf := make([]parquet.Value, 256)
	for {
		p, err := pages.ReadPage()
		if err == io.EOF {
			return -1, nil
		}
		if err != nil {
			return -1, err
		}
		values := p.Values()
		for {
			n, err := values.ReadValues(buf)
			for _, v := range buf[:n] {
				if bytes.Equal(v.ByteArray(), id) {
					return base + row, nil
				}
				row++
			}
			if err == io.EOF {
				break
			}
			if err != nil {
				return -1, err
			}
		}
	}
}

// find is Tempo's FindTraceByID for one block (§7.2), without the optional index look-up.
func (b *block) find(id []byte) (*Trace, error) {
	ok, err := b.bloomTest(id)
	if err != nil || !ok {
		return nil, err
	}
	rg, err := b.rowGroupFor(id)
	if err != nil || rg < 0 {
		return nil, err
	}
	row, err := b.rowOf(rg, id)
	if err != nil || row < 0 {
		return nil, err
	}
	r := parquet.NewGenericReader[Trace](b.file)
	defer r.Close()
	if err := r.SeekToRow(row); err != nil {
		return nil, err
	}
	rows := make([]Trace, 1)
	if n, err := r.Read(rows); n != 1 {
		return nil, fmt.Errorf("reading row %d: %v", row, err)
	}
	return &rows[0], nil
}

// allRows reads every row in file order.
func (b *block) allRows() ([]Trace, error) {
	r := parquet.NewGenericReader[Trace](b.file)
	defer r.Close()
	var out []Trace
	buf := make([]Trace, 64)
	for {
		n, err := r.Read(buf)
		out = append(out, buf[:n]...)
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		buf = make([]Trace, 64)
	}
}
