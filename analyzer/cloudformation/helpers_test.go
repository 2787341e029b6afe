package cloudformation

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// fixtures is the shared CloudFormation fixture directory; tests use it as
// the scan root.
const fixtures = "../../testdata/cloudformation/"

func parseFixture(t *testing.T, name string, opts Options) *graph.Unit {
	t.Helper()
	path := fixtures + name
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read fixture: %v", err)
	}
	if opts.Root == "" {
		opts.Root = fixtures
	}
	return Parse(context.Background(), path, src, opts)
}

// valueCheck asserts one resolved value, addressed as "ResourceID:Attr.path[0]".
type valueCheck struct {
	at   string
	want string // GoString of the value; "absent" for no value
	// lines is "start-end" (lines only) or "start:col-end:col"; "" skips.
	lines string
	// trace lists substrings of the trace's notes, origin first; nil skips,
	// an empty non-nil slice requires an empty trace.
	trace     []string
	reason    string // substring of Reason
	sensitive bool
	ref       string // "Res.Attr" of Value.Ref; "" skips, "none" requires no Ref
}

// diagCheck expects one diagnostic.
type diagCheck struct {
	sev      graph.Severity
	file     string // suffix of the file; "" for the fixture itself
	line     int
	contains string
	resource string
	path     string
}

func resolveAt(t *testing.T, u *graph.Unit, at string) *graph.Value {
	t.Helper()
	id, rest, _ := strings.Cut(at, ":")
	r := u.Resource(id)
	if r == nil {
		t.Fatalf("%s: no resource %q; have %v", at, id, resourceIDs(u))
	}
	if rest == "" {
		return r.Attrs
	}
	return r.Attrs.At(parseTestPath(t, rest))
}

func parseTestPath(t *testing.T, s string) graph.Path {
	var p graph.Path
	for _, seg := range strings.Split(s, ".") {
		name, idx, _ := strings.Cut(seg, "[")
		if name != "" {
			p = append(p, name)
		}
		for idx != "" {
			num, more, _ := strings.Cut(idx, "]")
			n, err := strconv.Atoi(num)
			if err != nil {
				t.Fatalf("bad path %q", s)
			}
			p = append(p, n)
			idx = strings.TrimPrefix(more, "[")
		}
	}
	return p
}

func resourceIDs(u *graph.Unit) []string {
	ids := make([]string, len(u.Resources))
	for i, r := range u.Resources {
		ids[i] = r.ID
	}
	return ids
}

func locString(l graph.Location, withCols bool) string {
	if withCols {
		return fmt.Sprintf("%d:%d-%d:%d", l.StartLine, l.StartCol, l.EndLine, l.EndCol)
	}
	return fmt.Sprintf("%d-%d", l.StartLine, l.EndLine)
}

func checkValues(t *testing.T, u *graph.Unit, checks []valueCheck) {
	t.Helper()
	for _, c := range checks {
		v := resolveAt(t, u, c.at)
		if c.want == "absent" {
			if v != nil {
				t.Errorf("%s = %s, want absent", c.at, v.GoString())
			}
			continue
		}
		if v == nil {
			t.Errorf("%s is absent, want %s", c.at, c.want)
			continue
		}
		if got := v.GoString(); got != c.want {
			t.Errorf("%s = %s, want %s", c.at, got, c.want)
		}
		if c.lines != "" {
			if got := locString(v.Loc, strings.Contains(c.lines, ":")); got != c.lines {
				t.Errorf("%s location = %s, want %s", c.at, got, c.lines)
			}
		}
		if c.trace != nil {
			var notes []string
			for _, h := range v.Trace {
				notes = append(notes, h.Note)
			}
			ok := len(notes) == len(c.trace)
			for i := 0; ok && i < len(notes); i++ {
				ok = strings.Contains(notes[i], c.trace[i])
			}
			if !ok {
				t.Errorf("%s trace = %q, want %q", c.at, notes, c.trace)
			}
		}
		if c.reason != "" && !strings.Contains(v.Reason, c.reason) {
			t.Errorf("%s reason = %q, want it to contain %q", c.at, v.Reason, c.reason)
		}
		if v.Sensitive != c.sensitive {
			t.Errorf("%s sensitive = %v, want %v", c.at, v.Sensitive, c.sensitive)
		}
		switch {
		case c.ref == "none" && v.Ref != nil:
			t.Errorf("%s has Ref %+v, want none", c.at, *v.Ref)
		case c.ref != "" && c.ref != "none":
			got := ""
			if v.Ref != nil {
				got = v.Ref.Resource + "." + v.Ref.Attr
			}
			if got != c.ref {
				t.Errorf("%s Ref = %q, want %q", c.at, got, c.ref)
			}
		}
	}
}

// edgeString renders an edge as "From -kind-> To.Attr @path line".
func edgeString(e graph.Edge) string {
	to := e.To
	if e.Attr != "" {
		to += "." + e.Attr
	}
	return fmt.Sprintf("%s -%s-> %s @%s %d", e.From, e.Kind, to, e.Path, e.Location.StartLine)
}

func checkEdges(t *testing.T, u *graph.Unit, want []string) {
	t.Helper()
	if want == nil {
		return
	}
	got := make([]string, len(u.Edges))
	for i, e := range u.Edges {
		got[i] = edgeString(e)
	}
	sort.Strings(got)
	want = append([]string(nil), want...)
	sort.Strings(want)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("edges:\n got: %q\nwant: %q", got, want)
	}
}

// checkDiags requires exactly the expected diagnostics, in any order.
func checkDiags(t *testing.T, u *graph.Unit, file string, want []diagCheck) {
	t.Helper()
	used := make([]bool, len(want))
	for _, d := range u.Diagnostics {
		found := false
		for i, w := range want {
			f := fixtures + file
			if w.file != "" {
				f = w.file
			}
			if used[i] || d.Severity != w.sev || !strings.HasSuffix(d.Location.File, f) ||
				d.Location.StartLine != w.line || !strings.Contains(d.Summary+": "+d.Detail, w.contains) ||
				d.Resource != w.resource || d.Path.String() != w.path {
				continue
			}
			used[i], found = true, true
			break
		}
		if !found {
			t.Errorf("unexpected diagnostic: %s %s (resource %q, path %q)", d.Severity, d.Error(), d.Resource, d.Path)
		}
	}
	for i, w := range want {
		if !used[i] {
			t.Errorf("missing diagnostic: %s at line %d containing %q", w.sev, w.line, w.contains)
		}
	}
}
