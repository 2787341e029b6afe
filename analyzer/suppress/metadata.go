package suppress

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// metadataKeys are the keys of one Metadata ignore entry.
var metadataKeys = []string{"id", "reason", "until"}

// metadataDirectives reads a CloudFormation resource's
// `Metadata: {rampart: {ignore: [{id, reason, until}]}}`. The entries
// cover the findings of the resource declared at decl. A malformed entry is
// an error at its location.
func metadataDirectives(meta *graph.Value, decl graph.Location) ([]directive, graph.Diagnostics) {
	rampart := meta.Get("rampart")
	if rampart == nil {
		return nil, nil
	}
	var diags graph.Diagnostics
	if rampart.Kind != graph.KindMap {
		diags.Errorf(locOr(rampart.Loc, decl), "Metadata rampart must be a mapping with an ignore list")
		return nil, diags
	}
	for _, k := range sortedKeys(rampart) {
		if k != "ignore" {
			diags.Errorf(locOr(rampart.Get(k).Loc, decl), "Metadata rampart: unknown key %q (the only key is ignore)", k)
		}
	}
	list := rampart.Get("ignore")
	if list == nil {
		return nil, diags
	}
	if list.Kind != graph.KindList {
		diags.Errorf(locOr(list.Loc, decl), "Metadata rampart.ignore must be a list of entries with id and reason")
		return nil, diags
	}
	var out []directive
	for _, entry := range list.List {
		d, err := metadataEntry(entry, decl)
		if err != nil {
			diags.Errorf(locOr(entry.Loc, decl), "Metadata rampart.ignore: %v", err)
			continue
		}
		out = append(out, d)
	}
	return out, diags
}

func metadataEntry(entry *graph.Value, decl graph.Location) (directive, error) {
	if entry.Kind != graph.KindMap {
		return directive{}, fmt.Errorf("each entry must be a mapping with id, reason and optional until")
	}
	for _, k := range sortedKeys(entry) {
		if !slices.Contains(metadataKeys, k) {
			return directive{}, fmt.Errorf("unknown key %q (keys: %s)", k, strings.Join(metadataKeys, ", "))
		}
	}
	d := directive{source: SourceMetadata, at: locOr(entry.Loc, decl),
		scope: scope{declFile: decl.File, declLine: decl.StartLine}}
	id, err := text(entry, "id")
	if err != nil {
		return directive{}, err
	}
	if id == "" {
		return directive{}, fmt.Errorf("entry needs an id (a rule ID or name)")
	}
	d.rules = []string{id}
	if d.reason, err = text(entry, "reason"); err != nil {
		return directive{}, err
	}
	until, err := text(entry, "until")
	if err != nil {
		return directive{}, err
	}
	if until != "" {
		if d.until, err = parseDate(until); err != nil {
			return directive{}, err
		}
	}
	return d, nil
}

// text returns the string at key of m, "" when absent. A YAML date
// (until: 2027-01-31) arrives as a string too.
func text(m *graph.Value, key string) (string, error) {
	v := m.Get(key)
	if v == nil || v.IsNull() {
		return "", nil
	}
	if v.Kind != graph.KindString {
		return "", fmt.Errorf("%s must be a string", key)
	}
	return strings.TrimSpace(v.Str), nil
}

func sortedKeys(m *graph.Value) []string {
	keys := make([]string, 0, len(m.Fields))
	for k := range m.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func locOr(loc, fallback graph.Location) graph.Location {
	if loc.Known() {
		return loc
	}
	return fallback
}
