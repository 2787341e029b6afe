package engine

import (
	"reflect"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

func TestParseReadPath(t *testing.T) {
	cases := []struct {
		in   string
		want readPath
		bad  bool
	}{
		{in: "tags", want: readPath{{kind: stepKey, key: "tags"}}},
		{in: "ingress[*].cidrs[*]", want: readPath{
			{kind: stepKey, key: "ingress"}, {kind: stepEach}, {kind: stepKey, key: "cidrs"}, {kind: stepEach}}},
		{in: "a.b[2]", want: readPath{{kind: stepKey, key: "a"}, {kind: stepKey, key: "b"}, {kind: stepIndex, index: 2}}},
		{in: " origin.id ", want: readPath{{kind: stepKey, key: "origin"}, {kind: stepKey, key: "id"}}},
		{in: "", bad: true},
		{in: ".a", bad: true},
		{in: "a..b", bad: true},
		{in: "a.", bad: true},
		{in: "a[", bad: true},
		{in: "a[x]", bad: true},
		{in: "a[-1]", bad: true},
	}
	for _, tc := range cases {
		got, err := parseReadPath(tc.in)
		if tc.bad {
			if err == nil {
				t.Errorf("parseReadPath(%q) = %v, want an error", tc.in, got)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("parseReadPath(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
}

func TestFirstUnknown(t *testing.T) {
	loc := graph.Location{File: "main.tf", StartLine: 1}
	rule := func(cidrs ...*graph.Value) *graph.Value {
		r := graph.Map(loc)
		r.Set("protocol", graph.String("tcp", loc))
		r.Set("cidrs", graph.List(cidrs, loc))
		return r
	}
	props := graph.Map(loc)
	props.Set("ingress", graph.List([]*graph.Value{
		rule(graph.String("10.0.0.0/8", loc)),
		rule(graph.String("10.0.0.0/8", loc), graph.Unknown("variable office has no value", loc)),
	}, loc))
	tags := graph.Map(loc)
	tags.Set("Name", graph.String("web", loc))
	tags.Set("Owner", graph.Unknown("data source", loc))
	props.Set("tags", tags)
	props.Set("name", graph.Unknown("variable name has no value", loc))

	cases := []struct {
		path     string
		wantPath string
		reason   string
	}{
		{"ingress[*].cidrs[*]", "ingress[1].cidrs[1]", "variable office has no value"},
		{"ingress[*].protocol", "", ""},
		{"ingress[0].cidrs[*]", "", ""},
		{"tags[*]", "tags.Owner", "data source"},
		{"tags.Name", "", ""},
		{"name", "name", "variable name has no value"},
		{"name.first", "name", "variable name has no value"},
		{"absent[*].x", "", ""},
	}
	for _, tc := range cases {
		p, err := parseReadPath(tc.path)
		if err != nil {
			t.Fatal(err)
		}
		v, at := firstUnknown(props, p)
		switch {
		case tc.wantPath == "" && v != nil:
			t.Errorf("%s: found %s (%s), want nothing", tc.path, at, v.Reason)
		case tc.wantPath != "" && (v == nil || at.String() != tc.wantPath || v.Reason != tc.reason):
			t.Errorf("%s: found %v at %q, want %q (%s)", tc.path, v, at, tc.wantPath, tc.reason)
		}
	}
	// The whole list being Unknown counts as much as one element.
	props.Set("ingress", graph.Unknown("dynamic block over an unknown set", loc))
	p, _ := parseReadPath("ingress[*].cidrs[*]")
	if v, at := firstUnknown(props, p); v == nil || at.String() != "ingress" {
		t.Errorf("unknown list: got %v at %q", v, at)
	}
}

func TestCapabilities(t *testing.T) {
	caps := capabilities()
	have := map[string]bool{}
	for _, b := range caps.Builtins {
		have[b.Name] = true
	}
	for _, name := range []string{"http.send", "opa.runtime", "net.lookup_ip_addr"} {
		if have[name] {
			t.Errorf("%s must be removed", name)
		}
	}
	for _, name := range []string{"net.cidr_contains", "net.cidr_is_valid", "net.cidr_merge", "regex.match", "sprintf", "object.get"} {
		if !have[name] {
			t.Errorf("%s must stay", name)
		}
	}
}
