package plan

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// plain converts a node into what encoding/json decodes (with UseNumber).
func plain(n *node) any {
	switch n.kind {
	case nodeBool:
		return n.bool
	case nodeNumber:
		return n.num
	case nodeString:
		return n.str
	case nodeArray:
		out := make([]any, len(n.items))
		for i, it := range n.items {
			out[i] = plain(it)
		}
		return out
	case nodeObject:
		out := make(map[string]any, len(n.fields))
		for k, v := range n.fields {
			out[k] = plain(v)
		}
		return out
	}
	return nil
}

// checkTree compares decodeTree with encoding/json on src: both accept the
// same documents (up to the depth limit), decode them to the same data, and
// every node's range holds exactly its own JSON text.
func checkTree(t *testing.T, src []byte) {
	n, err := decodeTree(src, maxDepth)
	// Skipping members must not change what is accepted, nor where an
	// error is reported (skipped members have no depth limit of ours).
	if _, serr := decodeTreeSkipping(src, maxDepth, unread); err == nil || !strings.Contains(err.Error(), "nested deeper") {
		switch {
		case (err == nil) != (serr == nil):
			t.Fatalf("decodeTree: %v, with skipping: %v", err, serr)
		case err != nil && err.(*syntaxError).offset != serr.(*syntaxError).offset:
			t.Fatalf("decodeTree error at %d, with skipping at %d", err.(*syntaxError).offset, serr.(*syntaxError).offset)
		}
	}
	if err != nil {
		if json.Valid(src) && !strings.Contains(err.Error(), "nested deeper") {
			t.Fatalf("decodeTree rejects valid JSON: %v", err)
		}
		return
	}
	if !json.Valid(src) {
		t.Fatalf("decodeTree accepts invalid JSON")
	}
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	var want any
	if err := dec.Decode(&want); err != nil {
		t.Fatal(err)
	}
	if got := plain(n); !reflect.DeepEqual(got, want) {
		t.Fatalf("decodeTree = %#v, encoding/json = %#v", got, want)
	}
	var walk func(n *node)
	walk = func(n *node) {
		text := src[n.start:n.end]
		if !json.Valid(text) {
			t.Fatalf("range %d-%d holds %q, not one value", n.start, n.end, text)
		}
		for _, it := range n.items {
			walk(it)
		}
		for _, v := range n.fields {
			walk(v)
		}
	}
	walk(n)
}

func TestDecodeTree(t *testing.T) {
	for _, src := range []string{
		`{"a": [1, 2.5e3, -0, true, false, null, "x\"y\u00e9\ud83d\ude00"], "b": {}, "a": "dup"}`,
		" \r\n\t[ ] ",
		`"just a string"`,
		`{"a" : { "b" : [ { } , [ ] ] } }`,
		"{\"bad utf8\": \"\xff\"}",
	} {
		checkTree(t, []byte(src))
	}
	for _, src := range []string{`{"a": }`, `[1,]`, `{"a" 1}`, `[1] [2]`, `{`, ``, `nul`, `{1: 2}`} {
		if _, err := decodeTree([]byte(src), maxDepth); err == nil {
			t.Errorf("decodeTree(%q) accepted", src)
		}
	}
}

func TestLineIndex(t *testing.T) {
	idx := newLineIndex([]byte("ab\ncd\n\nef"))
	for _, tc := range []struct {
		off       int64
		line, col int
	}{{0, 1, 1}, {2, 1, 3}, {3, 2, 1}, {6, 3, 1}, {7, 4, 1}, {9, 4, 3}} {
		if l, c := idx.position(tc.off); l != tc.line || c != tc.col {
			t.Errorf("position(%d) = %d:%d, want %d:%d", tc.off, l, c, tc.line, tc.col)
		}
	}
}

// FuzzDecodeTree compares the position-keeping decoder with encoding/json.
func FuzzDecodeTree(f *testing.F) {
	f.Add([]byte(`{"a": [1, {"b": "c\u0041"}], "d": null}`))
	f.Add([]byte(`[true, false, -1.5e-3, "\ud83d\ude00"]`))
	f.Add([]byte("{\"x\":\n\t[ ]}"))
	f.Add([]byte(`{"prior_state": {"a": [1]}, "resource_changes": [{"change": {"before": {"x": 1}, "after_unknown": {}}}]}`))
	f.Fuzz(func(t *testing.T, src []byte) {
		checkTree(t, src)
	})
}

func TestUnread(t *testing.T) {
	src := []byte(`{"format_version": "1.2", "prior_state": {"format_version": "1.0", "values": [1, 2]}, "planned_values": {"root_module": {}},
"resource_changes": [{"address": "a.b", "type": "a", "change": {"actions": ["create"], "before": {"x": 1}, "after": {"x": 2},
"after_unknown": {"id": true}, "before_sensitive": false, "after_sensitive": {}}}],
"configuration": {"provider_config": {"aws": {}}, "root_module": {"resources": []}}, "errored": false}`)
	n, err := decodeTreeSkipping(src, maxDepth, unread)
	if err != nil {
		t.Fatal(err)
	}
	got, err := json.Marshal(plain(n))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"configuration":{"provider_config":{"aws":{}},"root_module":{"resources":[]}},"errored":false,"format_version":"1.2","planned_values":{"root_module":{}},"prior_state":{"values":[1,2]},"resource_changes":[{"address":"a.b","change":{"actions":["create"],"after_sensitive":{},"after_unknown":{"id":true}}}]}`
	if string(got) != want {
		t.Errorf("kept %s\nwant %s", got, want)
	}
	// Skipped members are still checked for syntax.
	bad := bytes.Replace(src, []byte(`"before": {"x": 1}`), []byte(`"before": {"x": }`), 1)
	if _, err := decodeTreeSkipping(bad, maxDepth, unread); err == nil {
		t.Error("syntax error in a skipped member accepted")
	} else if se, ok := err.(*syntaxError); !ok || se.offset != int64(bytes.Index(bad, []byte(`{"x": }`))+6) {
		t.Errorf("error %v at the wrong offset", err)
	}
}
