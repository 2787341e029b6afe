package terraform

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// TestFilesWithTheSameBytesAreCopied: a file whose bytes the loader has
// parsed under another name is copied, and what is copied is what
// parsing gives, for every configuration file of the repository's test
// data.
func TestFilesWithTheSameBytesAreCopied(t *testing.T) {
	copied := 0
	forEachTestConfig(t, func(path string, src []byte) {
		p := newParser()
		p.sources = newSourceCache()
		first, diags := parseSource(p, src, "a/main.tf")
		if first == nil || len(diags) > 0 {
			return
		}
		q := p.sibling()
		if _, ok := q.sources.clone(src, "b/main.tf"); !ok {
			t.Errorf("%s: parsed without a diagnostic, but not kept for a copy", path)
			return
		}
		copies := q.sources.copies
		got, gotDiags := parseSource(q, src, "b/main.tf")
		if q.sources.copies != copies+1 {
			t.Errorf("%s: parsed again instead of copied", path)
		}
		want, wantDiags := parseSource(newParser(), src, "b/main.tf")
		if len(gotDiags) > 0 || len(wantDiags) > 0 || !reflect.DeepEqual(got.Body, want.Body) {
			t.Errorf("%s: the copy differs from the parse under the other name", path)
		}
		if q.Files()["b/main.tf"] != got {
			t.Errorf("%s: the copy is not recorded in the parser", path)
		}
		copied++
	})
	if copied < 100 {
		t.Errorf("only %d test files copied", copied)
	}
}

// TestSourceCacheHoldsWhatParsesCleanly: a file with a diagnostic is not
// kept (its copy would lack the diagnostic), nor a file with other bytes
// and the same length, nor anything past the cache's bound.
func TestSourceCacheHoldsWhatParsesCleanly(t *testing.T) {
	p := newParser()
	p.sources = newSourceCache()
	bad := []byte("resource \"x\" {\n")
	if _, diags := parseSource(p, bad, "a/bad.tf"); !diags.HasErrors() {
		t.Fatal("the broken file parsed")
	}
	if _, ok := p.sources.clone(bad, "b/bad.tf"); ok {
		t.Error("a file with a diagnostic was kept")
	}
	good := []byte("locals {\n  a = 1\n}\n")
	parseSource(p, good, "a/good.tf")
	if _, ok := p.sources.clone([]byte("locals {\n  a = 2\n}\n"), "b/good.tf"); ok {
		t.Error("other bytes were given the kept file")
	}
	var nilCache *sourceCache
	if _, ok := nilCache.clone(good, "b/good.tf"); ok {
		t.Error("a nil cache gave a file")
	}
	full := newSourceCache()
	full.bytes = maxCachedSource - 1
	q := &parser{Parser: newParser().Parser, iterations: p.iterations, sources: full}
	parseSource(q, good, "c/good.tf")
	if _, ok := full.clone(good, "d/good.tf"); ok {
		t.Error("a full cache kept a file")
	}
}

// TestCopiedModulesEvaluateAsParsedOnes: roots calling modules whose
// files have the same bytes give the units they give when every file is
// parsed: the same resources, values, provenance and diagnostics, each
// naming its own file.
func TestCopiedModulesEvaluateAsParsedOnes(t *testing.T) {
	module := `variable "names" {
  type    = list(string)
  default = ["a", "b"]
}

locals {
  upper = [for n in var.names : upper(n)]
  by    = { for n in var.names : n => { name = n } }
}

resource "aws_s3_bucket" "b" {
  for_each = local.by
  bucket   = "${each.value.name}-${local.upper[0]}"
  tags     = { all = join(",", values(local.by)[*].name) }
}

output "nope" {
  value = var.undeclared
}
`
	files := map[string]string{
		"modules/one/main.tf": module,
		"modules/two/main.tf": module,
		"one/main.tf":         "module \"m\" {\n  source = \"../modules/one\"\n}\n",
		"two/main.tf":         "module \"m\" {\n  source = \"../modules/two\"\n  names = [\"c\"]\n}\n",
	}
	dir := writeTree(t, files)
	// The roots are loaded one after the other: finding them first would
	// parse the modules at once, each before the other is kept.
	load := func(cache bool) ([]*graph.Unit, *sourceCache) {
		l := newLoader(dir)
		if !cache {
			l.parser.sources = nil
		}
		var units []*graph.Unit
		for _, root := range []string{"one", "two"} {
			units = append(units, loadRoot(context.Background(), l, filepath.Join(dir, root), Options{Root: dir}))
		}
		return units, l.parser.sources
	}
	got, sources := load(true)
	want, _ := load(false)
	if len(sources.files) != 3 || sources.copies != 1 {
		t.Errorf("%d distinct files kept and %d copied, want 3 and 1", len(sources.files), sources.copies)
	}
	if len(got) != 2 || !reflect.DeepEqual(got, want) {
		t.Fatal("the units differ when module files are copied")
	}
	for _, u := range got {
		name := filepath.Base(u.Path)
		found := false
		for _, d := range u.Diagnostics {
			if d.Summary == "Reference to undeclared input variable" {
				found = true
				if !strings.Contains(filepath.ToSlash(d.Location.File), "modules/"+name+"/main.tf") {
					t.Errorf("%s: the diagnostic names %s", name, d.Location.File)
				}
			}
		}
		if !found {
			t.Errorf("%s: no diagnostic for the undeclared variable: %v", name, u.Diagnostics)
		}
	}
}
