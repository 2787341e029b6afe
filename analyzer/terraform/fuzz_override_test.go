package terraform

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// loadFuzzDir loads dir and fails on a panic (an internal error diagnostic)
// or a load that does not finish.
func loadFuzzDir(t *testing.T, dir string) {
	t.Helper()
	done := make(chan int, 1)
	var internal string
	go func() {
		units := LoadModules(context.Background(), []string{dir}, Options{Root: dir})
		for _, u := range units {
			for _, d := range u.Diagnostics {
				if strings.HasPrefix(d.Summary, "Internal error") {
					internal = d.Detail
				}
			}
		}
		done <- len(units)
	}()
	select {
	case n := <-done:
		if n != 1 {
			t.Fatalf("got %d units, want 1", n)
		}
		if internal != "" {
			t.Fatalf("panic while loading: %s", internal)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("loading did not finish in 20s")
	}
}

func fuzzSeeds(f *testing.F, pattern string) {
	seeds, _ := filepath.Glob(filepath.Join(fixtures, pattern))
	for _, s := range seeds {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(b)
		}
	}
}

// FuzzLoadJSONModule loads the input as main.tf.json: JSON expressions are
// rewritten as native syntax and "dynamic" properties expanded, and no
// input may make either panic.
func FuzzLoadJSONModule(f *testing.F) {
	fuzzSeeds(f, "*/*.tf.json")
	fuzzSeeds(f, "*/*/*.tf.json")
	f.Add([]byte(`{"resource": {"a_b": {"c": {"dynamic": {"x": {"for_each": "${[[1]]}", "content": {"dynamic": {"y": {"for_each": "${x.value}", "content": {"v": "${y.value}"}}}}}}}}}}`))
	f.Add([]byte(`{"resource": {"a_b": {"c": {"x": {"${upper(\"k\")}": ["${1 +}", null, 1.5, {"": []}]}}}}}`))
	f.Fuzz(func(t *testing.T, src []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "main.tf.json"), src, 0o600); err != nil {
			t.Fatal(err)
		}
		loadFuzzDir(t, dir)
	})
}

// FuzzOverride loads the override fixture's ordinary files with the input
// as override.tf.
func FuzzOverride(f *testing.F) {
	fuzzSeeds(f, "override/override.tf")
	f.Add([]byte(`resource "aws_security_group" "web" { dynamic "egress" { for_each = [1] content {} } lifecycle { ignore_changes = all } }`))
	f.Add([]byte(`provider "aws" { alias = "x" }` + "\n" + `variable "env" { type = number }`))
	base := []string{"main.tf", "main.tf.json", "store/main.tf"}
	f.Fuzz(func(t *testing.T, src []byte) {
		dir := t.TempDir()
		for _, name := range base {
			b, err := os.ReadFile(filepath.Join(fixtures, "override", name))
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, name)
			if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, b, 0o600); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.WriteFile(filepath.Join(dir, "override.tf"), src, 0o600); err != nil {
			t.Fatal(err)
		}
		loadFuzzDir(t, dir)
	})
}
