package analyzer

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/result"
)

func TestBrokenModuleCallFailsTheCallerNotTheSharedModule(t *testing.T) {
	// Two roots share a module; only app2 gives it an input it cannot
	// evaluate (terraform plan fails in app2 alone). The error names the
	// module file and line and the instance and call; the file marked
	// failed is app2's, and the shared module is scanned.
	dir := writeFiles(t, map[string]string{
		"app1/main.tf":          "module \"child\" {\n  source   = \"../modules/child\"\n  settings = { port = 22 }\n}\n",
		"app2/main.tf":          "module \"broken\" {\n  source   = \"../modules/child\"\n  settings = {}\n}\n",
		"modules/child/main.tf": "variable \"settings\" { type = map(number) }\n\noutput \"port\" { value = var.settings[\"port\"] }\n",
	})
	res, err := Scan(context.Background(), Options{Paths: []string{dir}, Root: dir, Boundary: dir})
	if err != nil {
		t.Fatal(err)
	}
	status := map[string]result.FileStatus{}
	for _, f := range res.Files {
		rel, _ := filepath.Rel(dir, f.Path)
		status[filepath.ToSlash(rel)] = f.Status
	}
	want := map[string]result.FileStatus{
		"app1/main.tf":          result.FileScanned,
		"app2/main.tf":          result.FileFailed,
		"modules/child/main.tf": result.FileScanned,
	}
	for path, st := range want {
		if status[path] != st {
			t.Errorf("%s: status %q, want %q", path, status[path], st)
		}
	}
	if len(res.Errors) != 1 {
		t.Fatalf("errors: %+v", res.Errors)
	}
	msg := res.Errors[0].Error()
	for _, part := range []string{filepath.Join("modules", "child", "main.tf") + ":3", "in module.broken, called at ", filepath.Join("app2", "main.tf") + ":1"} {
		if !strings.Contains(msg, part) {
			t.Errorf("error %q does not say %q", msg, part)
		}
	}
}
