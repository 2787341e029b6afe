package terraform

import (
	"fmt"
	"maps"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

// TestParseAllMatchesConfig: parsing the directories ahead, in parallel,
// gives each directory the configuration l.config gives it, in order,
// and keeps the same ones: the first keepAtMost distinct directories, a
// directory listed twice once. Of a directory the loader does not keep,
// only the module calls are read: the same calls, and none of the other
// files' problems (c's unclosed block).
func TestParseAllMatchesConfig(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"a/main.tf":   "module \"m\" { source = \"../mod\" }\n",
		"b/main.tf":   "module \"m\" {\n  source = \"../mod\"\n}\nmodule \"n\" { source = \"../c\" }\n",
		"c/main.tf":   "resource \"aws_s3_bucket\" \"b\" {\n",
		"d/main.tf":   "variable \"x\" {\n  default = [for i in [1, 2] : i * 2]\n}\n",
		"mod/main.tf": "resource \"aws_s3_bucket\" \"b\" {}\n",
	})
	var dirs []string
	for _, d := range []string{"a", "b", "a", "c", "d", "mod"} {
		dirs = append(dirs, filepath.Join(dir, d))
	}
	for _, keep := range []int{0, 1, 2, 3} {
		ahead := newLoader(dir)
		ahead.keepAtMost = keep
		one := newLoader(dir)
		one.keepAtMost = keep
		stream := ahead.parseAll(dirs)
		for _, d := range dirs {
			got, want := stream.next(), one.config(d)
			_, kept := one.configs[filepath.Clean(d)]
			if got.dir != want.dir || !reflect.DeepEqual(got.files, want.files) || kept && len(got.diags) != len(want.diags) {
				t.Errorf("keep %d, %s: parsed ahead %s %v (%d diagnostics), by config %s %v (%d)",
					keep, d, got.dir, got.files, len(got.diags), want.dir, want.files, len(want.diags))
			}
			if callSources(got) != callSources(want) {
				t.Errorf("keep %d, %s: calls %s, want %s", keep, d, callSources(got), callSources(want))
			}
		}
		if got, want := keptDirs(ahead), keptDirs(one); !reflect.DeepEqual(got, want) {
			t.Errorf("keep %d: kept %v, want %v", keep, got, want)
		}
	}
}

func callSources(cfg *moduleConfig) string {
	out := ""
	for _, c := range cfg.calls {
		out += c.name + "=" + c.source + ";"
	}
	return out
}

func keptDirs(l *loader) map[string]bool {
	out := map[string]bool{}
	for d := range l.configs {
		out[d] = true
	}
	return out
}

// TestParseAllStops: a reader that stops early (a panic while finding the
// roots) ends the handing out of directories instead of leaving it
// blocked, and with it the parsing of the rest.
func TestParseAllStops(t *testing.T) {
	files := map[string]string{}
	var dirs []string
	for i := range 40 {
		name := fmt.Sprintf("d%02d", i)
		files[name+"/main.tf"] = "resource \"aws_s3_bucket\" \"b\" {}\n"
		dirs = append(dirs, name)
	}
	dir := writeTree(t, files)
	for i := range dirs {
		dirs[i] = filepath.Join(dir, dirs[i])
	}
	cs := newLoader(dir).parseAll(dirs)
	cs.next()
	cs.stop()
	handedOut := 0
	for range cs.slots {
		handedOut++
	}
	if limit := parseAhead() + 2; handedOut > limit {
		t.Errorf("%d more directories handed out after the reader stopped, want at most %d", handedOut, limit)
	}
}

// TestFindingRootsKeepsABoundedSource: past maxCachedSource bytes of
// parsed source the loader keeps no more modules, and the directories
// after that are parsed for their calls only: the roots are the same.
func TestFindingRootsKeepsABoundedSource(t *testing.T) {
	big := strings.Repeat("# a comment line that takes room in the source\n", maxCachedSource/40)
	dir := writeTree(t, map[string]string{
		"big/main.tf": big + "resource \"aws_s3_bucket\" \"b\" {}\n",
		"a/main.tf":   "module \"m\" { source = \"../mod\" }\n",
		"b/main.tf":   "module \"m\" { source = \"../mod\" }\n",
		"mod/main.tf": "resource \"aws_s3_bucket\" \"b\" {}\n",
	})
	var dirs []string
	for _, d := range []string{"big", "a", "b", "mod"} {
		dirs = append(dirs, filepath.Join(dir, d))
	}
	l := newLoader(dir)
	l.keepAtMost = maxCachedModules
	roots := findRoots(l, dirs)
	if want := dirs[:3]; !reflect.DeepEqual(roots, want) {
		t.Errorf("roots %v, want %v", roots, want)
	}
	if got := keptDirs(l); !reflect.DeepEqual(got, map[string]bool{dirs[0]: true}) {
		t.Errorf("kept %v, want the first directory only", got)
	}
	if l.keptBytes < maxCachedSource {
		t.Errorf("kept %d bytes of source, want at least %d", l.keptBytes, maxCachedSource)
	}
}

// TestParseFilesAsOneAfterTheOther: parsing a module's files in parallel
// gives each file the file and diagnostics parsing them one after the
// other gives, records the same files in the parser, reuses a file it
// holds, and, with a filter, leaves out what the filter refuses and
// skims what it can for module calls without recording it; a panic
// is raised on the caller's goroutine, for the first file that panicked.
func TestParseFilesAsOneAfterTheOther(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"a.tf":      "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x\"\n}\n",
		"b.tf":      "resource \"aws_s3_bucket\" \"c\" {\n",
		"c.tf.json": `{"module": {"m": {"source": "../m"}}}`,
		"d.tf":      "module \"n\" {\n  source = \"../n\"\n}\n",
		"e.tf":      "variable \"v\" {\n  default = ((((1))))\n}\n",
	})
	var paths []string
	for _, f := range []string{"a.tf", "b.tf", "c.tf.json", "d.tf", "e.tf", "missing.tf"} {
		paths = append(paths, filepath.Join(dir, f))
	}
	render := func(files []parsedFile) string {
		var b strings.Builder
		for _, f := range files {
			if f.file != nil {
				fmt.Fprintf(&b, "%q ", f.file.Bytes)
			}
			fmt.Fprintf(&b, "%v\n", f.diags)
		}
		return b.String()
	}
	for _, tc := range []struct {
		name string
		only func(string, []byte) bool
	}{
		{"every file", nil},
		{"module calls", mayDeclareModule},
	} {
		t.Run(tc.name, func(t *testing.T) {
			one := newParser()
			var want []parsedFile
			for _, path := range paths {
				src, diags := readSource("", path, dir)
				switch {
				case tc.only != nil && (diags.HasErrors() || !tc.only(path, src)):
					want = append(want, parsedFile{})
				case diags.HasErrors():
					want = append(want, parsedFile{diags: diags})
				case tc.only != nil && !strings.HasSuffix(path, ".json") && skims(src):
					want = append(want, parsedFile{file: &hcl.File{Bytes: src}, skimmed: true})
				default:
					f, diags := parseSource(one, src, path)
					want = append(want, parsedFile{file: f, diags: diags})
				}
			}
			p := newParser()
			got := parseFiles(p, paths, dir, tc.only)
			if render(got) != render(want) {
				t.Errorf("in parallel:\n%s\none after the other:\n%s", render(got), render(want))
			}
			if !reflect.DeepEqual(slices.Sorted(maps.Keys(p.Files())), slices.Sorted(maps.Keys(one.Files()))) {
				t.Errorf("parser holds %v, want %v", slices.Sorted(maps.Keys(p.Files())), slices.Sorted(maps.Keys(one.Files())))
			}
			again := parseFiles(p, paths, dir, tc.only)
			for i := range again {
				if again[i].skimmed != want[i].skimmed {
					t.Errorf("%s skimmed: %v, want %v", paths[i], again[i].skimmed, want[i].skimmed)
				}
				if !again[i].skimmed && again[i].file != got[i].file {
					t.Errorf("%s parsed again", paths[i])
				}
			}
		})
	}
	defer func() {
		if v := recover(); v != filepath.Join(dir, "b.tf") {
			t.Errorf("recovered %v, want the first file that panicked", v)
		}
	}()
	parseFiles(newParser(), paths, dir, func(path string, _ []byte) bool {
		if strings.HasSuffix(path, "b.tf") || strings.HasSuffix(path, "e.tf") {
			panic(path)
		}
		return true
	})
	t.Error("no panic")
}

func skims(src []byte) bool {
	_, ok := skimModuleBlocks(src, "main.tf")
	return ok
}
