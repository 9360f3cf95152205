package main

import (
	"encoding/json"
	"fmt"
	"time"
)

// blockMeta is meta.json as spec §2.1 describes it, keys in Tempo's order.
type blockMeta struct {
	Format            string            `json:"format"`
	BlockID           string            `json:"blockID"`
	TenantID          string            `json:"tenantID"`
	StartTime         time.Time         `json:"startTime"`
	EndTime           time.Time         `json:"endTime"`
	TotalObjects      int64             `json:"totalObjects"`
	Size              uint64            `json:"size,omitempty"`
	CompactionLevel   uint32            `json:"compactionLevel"`
	Encoding          string            `json:"encoding"`
	IndexPageSize     uint32            `json:"indexPageSize"`
	TotalRecords      uint32            `json:"totalRecords"`
	DataEncoding      string            `json:"dataEncoding"`
	BloomShards       uint32            `json:"bloomShards"`
	FooterSize        uint32            `json:"footerSize"`
	DedicatedColumns  []dedicatedColumn `json:"dedicatedColumns,omitempty"`
	ReplicationFactor uint32            `json:"replicationFactor,omitempty"`
}

// dedicatedColumn is one entry of meta.dedicatedColumns (§2.3); empty fields take their defaults.
type dedicatedColumn struct {
	Scope   string   `json:"s,omitempty"`
	Name    string   `json:"n"`
	Type    string   `json:"t,omitempty"`
	Options []string `json:"o,omitempty"`
}

// mapping names the spare columns of each scope (§5.7): index k holds the attribute of StringNN, NN = k+1.
type mapping struct {
	resource, span []string
}

var wellKnownSpanString = map[string]bool{"http.method": true, "http.url": true}

// filterDedicated drops entries vParquet4 cannot hold, as Tempo does before writing a meta (§2.3).
func filterDedicated(cols []dedicatedColumn) []dedicatedColumn {
	var out []dedicatedColumn
	for _, c := range cols {
		scope, typ := c.Scope, c.Type
		if scope == "" {
			scope = "span"
		}
		if typ == "" {
			typ = "string"
		}
		if len(c.Options) > 0 || typ != "string" || (scope != "span" && scope != "resource") {
			continue
		}
		if scope == "resource" && contains(wellKnownResource, c.Name) {
			continue
		}
		if scope == "span" && (wellKnownSpanString[c.Name] || c.Name == "http.status_code") {
			continue
		}
		out = append(out, c)
	}
	return out
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

// mappingOf assigns String01..String10 per scope in list order (§5.7).
func mappingOf(cols []dedicatedColumn) mapping {
	var m mapping
	for _, c := range cols {
		if len(c.Options) > 0 || (c.Type != "" && c.Type != "string") {
			continue
		}
		switch c.Scope {
		case "resource":
			if len(m.resource) < 10 {
				m.resource = append(m.resource, c.Name)
			}
		case "", "span":
			if len(m.span) < 10 {
				m.span = append(m.span, c.Name)
			}
		}
	}
	return m
}

func (m mapping) resourceSlot(key string) int { return indexOf(m.resource, key) }
func (m mapping) spanSlot(key string) int     { return indexOf(m.span, key) }

func indexOf(list []string, s string) int {
	for i, e := range list {
		if e == s {
			return i
		}
	}
	return -1
}

func parseDedicated(js string) ([]dedicatedColumn, error) {
	if js == "" {
		return nil, nil
	}
	var cols []dedicatedColumn
	if err := json.Unmarshal([]byte(js), &cols); err != nil {
		return nil, fmt.Errorf("-dedicated: %w", err)
	}
	return cols, nil
}
