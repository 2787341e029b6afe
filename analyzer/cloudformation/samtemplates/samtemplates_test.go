package samtemplates

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"testing"
)

// TestDataIsTheCopiedFile: policy_templates.json is SAM's file as gen.go
// copied it, not edited by hand.
func TestDataIsTheCopiedFile(t *testing.T) {
	sum := sha256.Sum256(data)
	if got := hex.EncodeToString(sum[:]); got != dataSHA256 {
		t.Errorf("policy_templates.json has SHA-256 %s, source.go records %s: refresh it with go generate", got, dataSHA256)
	}
}

// TestTable: every template parses, its Definition is a policy document,
// and every parameter is used by a Ref in it (the only way the transform
// substitutes values).
func TestTable(t *testing.T) {
	tab, err := parse(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(tab.names) < 80 {
		t.Errorf("%d templates, want the 81 of SAM translator 1.110", len(tab.names))
	}
	for _, name := range tab.names {
		tpl := tab.templates[name]
		var def struct{ Statement []map[string]any }
		if err := json.Unmarshal(tpl.Definition, &def); err != nil || len(def.Statement) == 0 {
			t.Errorf("%s: Definition is not a policy document with statements: %v", name, err)
			continue
		}
		refs := map[string]bool{}
		collectRefs(def.Statement, refs)
		for _, p := range tpl.Parameters {
			if !refs[p] {
				t.Errorf("%s: parameter %s is not referenced by its Definition", name, p)
			}
		}
	}
}

func collectRefs(v any, refs map[string]bool) {
	switch v := v.(type) {
	case map[string]any:
		if s, ok := v["Ref"].(string); ok && len(v) == 1 {
			refs[s] = true
		}
		for _, e := range v {
			collectRefs(e, refs)
		}
	case []any:
		for _, e := range v {
			collectRefs(e, refs)
		}
	case []map[string]any:
		for _, e := range v {
			collectRefs(e, refs)
		}
	}
}

func TestLookup(t *testing.T) {
	tests := []struct {
		name   string
		ok     bool
		params []string
	}{
		{"S3ReadPolicy", true, []string{"BucketName"}},
		{"DynamoDBStreamReadPolicy", true, []string{"StreamName", "TableName"}},
		{"CloudWatchPutMetricPolicy", true, []string{}},
		{"s3readpolicy", false, nil}, // names are case-sensitive
		{"S3ReedPolicy", false, nil},
	}
	for _, tt := range tests {
		tpl, ok := Lookup(tt.name)
		if ok != tt.ok {
			t.Errorf("Lookup(%s) found = %v, want %v", tt.name, ok, tt.ok)
			continue
		}
		if ok && !slices.Equal(tpl.Parameters, tt.params) {
			t.Errorf("Lookup(%s) parameters = %v, want %v", tt.name, tpl.Parameters, tt.params)
		}
	}
	if names := Names(); !slices.IsSorted(names) || !slices.Contains(names, "TextractPolicy") {
		t.Errorf("Names() = %v, want the sorted template names", names)
	}
}

func TestParseRejectsBrokenTables(t *testing.T) {
	for _, src := range []string{`{`, `{"Templates": {}}`, `{"Templates": {"XPolicy": {"Parameters": {}}}}`} {
		if _, err := parse([]byte(src)); err == nil {
			t.Errorf("parse(%s) succeeded", src)
		}
	}
}
