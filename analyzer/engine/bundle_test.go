package engine

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const commitA = "0123456789abcdef0123456789abcdef01234567"

// TestGitRevision reads HEAD the ways a checkout stores it, without git.
func TestGitRevision(t *testing.T) {
	cases := []struct {
		name  string
		files map[string]string
		dir   string // the policy directory inside the tree
		want  string
	}{
		{"detached", map[string]string{".git/HEAD": commitA + "\n"}, "rules", commitA},
		{"loose ref", map[string]string{".git/HEAD": "ref: refs/heads/main\n", ".git/refs/heads/main": commitA + "\n"}, "rules", commitA},
		{"packed ref", map[string]string{".git/HEAD": "ref: refs/heads/main\n", ".git/packed-refs": "# pack-refs\n" + strings.Repeat("f", 40) + " refs/heads/other\n" + commitA + " refs/heads/main\n"}, "a/b", commitA},
		{"worktree", map[string]string{
			"wt/.git":                          "gitdir: ../repo/.git/worktrees/wt\n",
			"repo/.git/worktrees/wt/HEAD":      "ref: refs/heads/feature\n",
			"repo/.git/worktrees/wt/commondir": "../..\n",
			"repo/.git/refs/heads/feature":     commitA + "\n",
		}, "wt/rules", commitA},
		{"unborn branch", map[string]string{".git/HEAD": "ref: refs/heads/main\n"}, "rules", ""},
		{"not a commit", map[string]string{".git/HEAD": "garbage\n"}, "rules", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			for name, text := range tc.files {
				writePolicy(t, root, name, text)
			}
			if err := os.MkdirAll(filepath.Join(root, tc.dir), 0o755); err != nil {
				t.Fatal(err)
			}
			got, _ := gitRevision(filepath.Join(root, tc.dir))
			if got != tc.want {
				t.Errorf("revision = %q, want %q", got, tc.want)
			}
		})
	}
}

func tarGz(t *testing.T, files [][2]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for _, f := range files {
		if err := tw.WriteHeader(&tar.Header{Name: f[0], Mode: 0o644, Size: int64(len(f[1])), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write([]byte(f[1])); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestBundleArchive loads the rules of a .tar.gz bundle, names them inside
// the archive, reads the manifest's revision, and refuses an entry that
// leaves the bundle.
func TestBundleArchive(t *testing.T) {
	dir := t.TempDir()
	rule := userRule("ACME-400", "acme.rules.bundled", "deny contains 1 if false")
	good := filepath.Join(dir, "good.tar.gz")
	if err := os.WriteFile(good, tarGz(t, [][2]string{
		{"/.manifest", `{"revision": "r42", "roots": ["acme"]}`},
		{"/acme/rule.rego", rule},
		{"/acme/rule_test.rego", "package acme.rules.bundled_test\n\ntest_ok if true\n"},
		{"/data.json", "{}"},
	}), 0o644); err != nil {
		t.Fatal(err)
	}
	e := newTestEngine(t, Options{PolicyDirs: []string{good}, Rules: []string{"ACME-400"}})
	if rules := e.Rules(); len(rules) != 1 || rules[0].ID != "ACME-400" {
		t.Errorf("rules = %+v", rules)
	}
	srcs, err := DescribePolicySources([]string{good})
	if err != nil || len(srcs) != 1 || srcs[0].Kind != "bundle" || srcs[0].Revision != "r42" || srcs[0].Files != 1 {
		t.Errorf("sources = %+v, %v", srcs, err)
	}
	withTests, _, err := readBundle(good, true)
	if err != nil || len(withTests) != 2 || withTests[0].name != good+"/acme/rule.rego" {
		t.Errorf("with tests: %+v %v", withTests, err)
	}

	bad := filepath.Join(dir, "bad.tar.gz")
	if err := os.WriteFile(bad, tarGz(t, [][2]string{{"../escape.rego", rule}}), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := New(t.Context(), Options{PolicyDirs: []string{bad}}); err == nil || !strings.Contains(err.Error(), "leaves the bundle") {
		t.Errorf("an entry outside the bundle: %v", err)
	}
	broken := filepath.Join(dir, "broken.tar.gz")
	if err := os.WriteFile(broken, tarGz(t, [][2]string{{"acme/x.rego", "package acme.rules.x\n\ndeny contains 1 if true\n"}}), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = New(t.Context(), Options{PolicyDirs: []string{broken}})
	if err == nil || !strings.Contains(err.Error(), broken+"/acme/x.rego:3:") {
		t.Errorf("an error in a bundle names the file inside it: %v", err)
	}
}

// TestPolicySourceDigest: the digest pins what was loaded, so two
// directories with the same files agree and an edit changes it.
func TestPolicySourceDigest(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	rule := userRule("ACME-401", "acme.rules.digest", "deny contains 1 if false")
	writePolicy(t, a, "r.rego", rule)
	writePolicy(t, b, "r.rego", rule+"\n")
	srcs, err := DescribePolicySources([]string{a, b})
	if err != nil || len(srcs) != 2 {
		t.Fatal(srcs, err)
	}
	if srcs[0].Digest == srcs[1].Digest || !strings.HasPrefix(srcs[0].Digest, "sha256:") || srcs[0].Kind != "directory" {
		t.Errorf("sources = %+v", srcs)
	}
}
