package config

import (
	"strings"
	"testing"
)

// TestRootIsNotAFileSetting checks that the boundary comes from the
// environment (or a flag) but never from a file inside the repository.
func TestRootIsNotAFileSetting(t *testing.T) {
	env, err := EnvLayer([]string{"RAMPART_ROOT=/src/monorepo"})
	if err != nil {
		t.Fatal(err)
	}
	s := Resolve(Layer{Name: "flags"}, env)
	if s.Root != "/src/monorepo" || s.Source("root") != "RAMPART_ROOT" {
		t.Errorf("Root = %q from %s, want /src/monorepo from RAMPART_ROOT", s.Root, s.Source("root"))
	}
	flag := "/src"
	if s := Resolve(Layer{Name: "flags", Root: &flag}, env); s.Root != "/src" {
		t.Errorf("Root = %q, want the flag's /src over the environment", s.Root)
	}

	_, err = Parse("cfg.yaml", []byte("format: json\nroot: /\n"))
	if err == nil || !strings.HasPrefix(err.Error(), "cfg.yaml:2: root cannot be set in a configuration file") {
		t.Errorf("root: in a file: err = %v, want it refused at cfg.yaml:2", err)
	}
}
