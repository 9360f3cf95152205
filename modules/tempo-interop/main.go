// Command tempo-interop checks Vivace's vParquet4 blocks against the Go libraries Tempo v2.10.3
// builds on (parquet-go v0.26.4, willf/bloom v2.0.3), and writes blocks with them for Vivace to
// read. See README.md.
package main

import (
	"flag"
	"fmt"
	"os"
)

func usage() {
	fmt.Fprintln(os.Stderr, `usage:
  tempo-interop check-block -root DIR -tenant T -block UUID -traces FILE [-absent FILE] [-known-null-pages]
                            [-compaction-level N]
  tempo-interop write-block -root DIR -tenant T -block UUID -traces FILE [-dedicated JSON]
                            [-rows-per-row-group N] [-bloom-shard-bytes N]`)
	os.Exit(2)
}

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	fs := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	root := fs.String("root", "", "local backend root: blocks are at ROOT/TENANT/BLOCK/")
	tenant := fs.String("tenant", "", "tenant ID")
	blockID := fs.String("block", "", "block ID (UUID)")
	tracesFile := fs.String("traces", "", "traces: length-delimited OTLP TracesData, one per trace")
	absent := fs.String("absent", "", "check-block: file of hex trace IDs that must not be found")
	knownNull := fs.Bool("known-null-pages", false,
		"check-block: report column-index pages wrongly marked null_pages as KNOWN, not as problems")
	level := fs.Uint("compaction-level", 0, "check-block: the meta.compactionLevel expected (a compaction's output: above 0)")
	dedicated := fs.String("dedicated", "", `write-block: meta.dedicatedColumns JSON, e.g. [{"s":"resource","n":"ip"}]`)
	rowsPerGroup := fs.Int("rows-per-row-group", 0, "write-block: close a row group after N rows (0: one row group)")
	shardBytes := fs.Uint("bloom-shard-bytes", 0, "write-block: bloom shard size in bytes (0: Tempo's 102400)")
	if err := fs.Parse(os.Args[2:]); err != nil || *root == "" || *tenant == "" || *blockID == "" || *tracesFile == "" {
		usage()
	}
	traces, err := readTraces(*tracesFile)
	if err != nil {
		fatal(err)
	}
	switch os.Args[1] {
	case "check-block":
		ids, err := readIDs(*absent)
		if err != nil {
			fatal(err)
		}
		c, b, err := checkBlock(*root, *tenant, *blockID, traces, ids, *knownNull, uint32(*level))
		if err != nil {
			fatal(err)
		}
		for _, p := range c.problems {
			fmt.Println("FAIL " + p)
		}
		for _, k := range c.known {
			fmt.Println("KNOWN " + k)
		}
		fmt.Printf("block: %d row groups, %d bloom shards, %d pages checked against the column index\n",
			len(b.file.RowGroups()), b.meta.BloomShards, c.indexedPages)
		fmt.Printf("check-block: %d traces expected, %d absent IDs, %d problems, %d known\n",
			len(traces), len(ids), len(c.problems), len(c.known))
		if len(c.problems) > 0 {
			os.Exit(1)
		}
	case "write-block":
		cols, err := parseDedicated(*dedicated)
		if err != nil {
			fatal(err)
		}
		meta, err := writeBlock(*root, *tenant, *blockID, traces, writeOptions{
			dedicated: cols, rowsPerRowGroup: *rowsPerGroup, bloomShardBytes: *shardBytes})
		if err != nil {
			fatal(err)
		}
		fmt.Printf("write-block: %d traces, %d row groups, %d bloom shards, %d bytes\n",
			meta.TotalObjects, meta.TotalRecords, meta.BloomShards, meta.Size)
	default:
		usage()
	}
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "tempo-interop: "+err.Error())
	os.Exit(3)
}
