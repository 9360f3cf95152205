package main

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/willf/bloom"
)

// writeOptions are the knobs of write-block; zero values take Tempo's defaults.
type writeOptions struct {
	dedicated         []dedicatedColumn
	rowsPerRowGroup   int     // 0: one row group
	bloomShardBytes   uint    // 0: 100 KiB (§8.1)
	bloomFalsePosRate float64 // 0: 0.01
}

// writeBlock writes traces as a vParquet4 block with parquet-go's writer and Tempo's defaults
// (§6), in Tempo's object order (§1.3): data.parquet, bloom-*, index, meta.json last.
func writeBlock(root, tenant, blockID string, traces []inputTrace, o writeOptions) (*blockMeta, error) {
	if len(traces) == 0 {
		return nil, fmt.Errorf("no traces")
	}
	dir := filepath.Join(root, tenant, blockID)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	cols := filterDedicated(o.dedicated)
	m := mappingOf(cols)
	f, err := os.Create(filepath.Join(dir, "data.parquet"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	w := parquet.NewGenericWriter[*Trace](f)
	var lastIDs [][]byte
	var minStart, maxEnd uint64
	for i, t := range traces {
		row, err := traceToRow(t.id, t.batches, m)
		if err != nil {
			return nil, fmt.Errorf("trace %x: %w", t.id, err)
		}
		if _, err := w.Write([]*Trace{row}); err != nil {
			return nil, err
		}
		if minStart == 0 || row.StartTimeUnixNano < minStart {
			minStart = row.StartTimeUnixNano
		}
		maxEnd = max(maxEnd, row.EndTimeUnixNano)
		if o.rowsPerRowGroup > 0 && (i+1)%o.rowsPerRowGroup == 0 && i+1 < len(traces) {
			if err := w.Flush(); err != nil {
				return nil, err
			}
			lastIDs = append(lastIDs, row.TraceID)
		}
	}
	lastIDs = append(lastIDs, padTraceID(traces[len(traces)-1].id))
	if err := w.Close(); err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	var tail [8]byte
	if _, err := f.ReadAt(tail[:], st.Size()-8); err != nil {
		return nil, err
	}
	shards, err := writeBloom(dir, traces, o)
	if err != nil {
		return nil, err
	}
	idx, err := json.Marshal(struct {
		RowGroups [][]byte `json:"rowGroups"`
	}{lastIDs})
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "index"), idx, 0o644); err != nil {
		return nil, err
	}
	meta := &blockMeta{
		Format:           "vParquet4",
		BlockID:          blockID,
		TenantID:         tenant,
		StartTime:        time.Unix(0, int64(minStart)).UTC(),
		EndTime:          time.Unix(0, int64(maxEnd)).UTC(),
		TotalObjects:     int64(len(traces)),
		Size:             uint64(st.Size()),
		Encoding:         "none",
		TotalRecords:     uint32(len(lastIDs)),
		BloomShards:      shards,
		FooterSize:       binary.LittleEndian.Uint32(tail[:4]),
		DedicatedColumns: cols,
	}
	js, err := json.Marshal(meta)
	if err != nil {
		return nil, err
	}
	return meta, os.WriteFile(filepath.Join(dir, "meta.json"), js, 0o644)
}

// writeBloom sizes and writes the bloom shards as §8.1 describes, with willf/bloom.
func writeBloom(dir string, traces []inputTrace, o writeOptions) (uint32, error) {
	p, shardBytes := o.bloomFalsePosRate, o.bloomShardBytes
	if p == 0 {
		p = 0.01
	}
	if shardBytes == 0 {
		shardBytes = 100 * 1024
	}
	n := float64(len(traces))
	mEst := math.Ceil(-n * math.Log(p) / (math.Ln2 * math.Ln2))
	k := uint(math.Ceil(math.Ln2 * mEst / n))
	shards := uint32(min(max(math.Ceil(mEst/float64(shardBytes*8)), 1), 1000))
	filters := make([]*bloom.BloomFilter, shards)
	for i := range filters {
		filters[i] = bloom.New(shardBytes*8, k)
	}
	for _, t := range traces {
		id := padTraceID(t.id)
		filters[fnv1(id)%shards].Add(id)
	}
	for i, bf := range filters {
		out, err := os.Create(filepath.Join(dir, fmt.Sprintf("bloom-%d", i)))
		if err != nil {
			return 0, err
		}
		_, err = bf.WriteTo(out)
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return 0, err
		}
	}
	return shards, nil
}
