package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFind(t *testing.T) {
	// Layout, under a temporary directory standing in for "/":
	//   outside/.rampart.yaml          above the repository: never used
	//   outside/repo/.git/
	//   outside/repo/.rampart.yml      the repository's config
	//   outside/repo/infra/net/main.tf
	//   outside/repo/infra/own/.rampart.yaml   a closer config
	//   outside/repo/sub/.git          a submodule (.git is a file)
	//   outside/repo/sub/x/main.tf
	//   outside/norepo/a/b/            no repository: search goes to the root
	//   outside/both/.rampart.yaml + .rampart.yml
	root := t.TempDir()
	mk := func(rel string, dir bool) {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if dir {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			return
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mk("outside/.rampart.yaml", false)
	mk("outside/repo/.git", true)
	mk("outside/repo/.rampart.yml", false)
	mk("outside/repo/infra/net/main.tf", false)
	mk("outside/repo/infra/own/.rampart.yaml", false)
	mk("outside/repo/sub/.git", false)
	mk("outside/repo/sub/x/main.tf", false)
	mk("outside/norepo/a/b", true)
	mk("outside/both/.rampart.yaml", false)
	mk("outside/both/.rampart.yml", false)
	mk("outside/repo/dirconfig/.rampart.yaml", true) // a directory, not a config

	at := func(rel string) string { return filepath.Join(root, filepath.FromSlash(rel)) }
	tests := []struct {
		start   string
		want    string // "" = none found
		wantErr string
	}{
		{start: "outside/repo/infra/net", want: "outside/repo/.rampart.yml"},
		{start: "outside/repo/infra/net/main.tf", want: "outside/repo/.rampart.yml"},
		{start: "outside/repo", want: "outside/repo/.rampart.yml"},
		{start: "outside/repo/infra/own", want: "outside/repo/infra/own/.rampart.yaml"},
		{start: "outside/repo/sub/x/main.tf", want: ""},
		{start: "outside/norepo/a/b", want: "outside/.rampart.yaml"},
		{start: "outside/both", wantErr: "keep one"},
		{start: "outside/repo/dirconfig", want: "outside/repo/.rampart.yml"},
		{start: "outside/repo/missing.tf", wantErr: "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.start, func(t *testing.T) {
			got, err := Find(at(tt.start))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Find error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			want := ""
			if tt.want != "" {
				want = at(tt.want)
			}
			if got != want {
				t.Errorf("Find = %q, want %q", got, want)
			}
		})
	}
}

func TestFindRelative(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".rampart.yaml"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	got, err := Find(".")
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, ".rampart.yaml"); got != want {
		t.Errorf("Find(.) = %q, want %q", got, want)
	}
}
