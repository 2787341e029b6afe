package main

import (
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionOf(t *testing.T) {
	vcs := func(rev, modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: modified}}
	}
	const rev = "0ce7ed3565085edac37593dcdba9392fc7410164"
	tests := []struct {
		name                    string
		bi                      *debug.BuildInfo
		linkVersion, linkCommit string
		want                    versionInfo
	}{
		{
			name: "go install module@version",
			bi:   &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v1.4.0"}},
			want: versionInfo{Version: "v1.4.0", Commit: "unknown", GoVersion: "go1.26.0"},
		},
		{
			name: "source build in a checkout",
			bi:   &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v0.0.0-20261206155245-0ce7ed356508"}, Settings: vcs(rev, "false")},
			want: versionInfo{Version: "v0.0.0-20261206155245-0ce7ed356508", Commit: "0ce7ed356508", GoVersion: "go1.26.0"},
		},
		{
			name: "source build with local changes",
			bi:   &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v0.0.0-20261206155245-0ce7ed356508+dirty"}, Settings: vcs(rev, "true")},
			want: versionInfo{Version: "v0.0.0-20261206155245-0ce7ed356508+dirty", Commit: "0ce7ed356508-dirty", GoVersion: "go1.26.0"},
		},
		{
			name: "build without VCS information",
			bi:   &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "(devel)"}},
			want: versionInfo{Version: "devel", Commit: "unknown", GoVersion: "go1.26.0"},
		},
		{
			name:        "link-time values win",
			bi:          &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v1.4.0"}, Settings: vcs(rev, "false")},
			linkVersion: "v2.0.0", linkCommit: "abc",
			want: versionInfo{Version: "v2.0.0", Commit: "abc", GoVersion: "go1.26.0"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := versionOf(tt.bi, tt.linkVersion, tt.linkCommit); got != tt.want {
				t.Errorf("versionOf = %+v, want %+v", got, tt.want)
			}
		})
	}
	if got := versionOf(nil, "", ""); got.Version != "devel" || got.Commit != "unknown" || got.GoVersion == "" {
		t.Errorf("versionOf(nil) = %+v", got)
	}
}

// TestE2EVersionFromBuildInfo builds rampart from this checkout as a user
// would, without link-time values, and checks that `rampart version` names
// the commit the checkout is at. (The machine's GOFLAGS may turn VCS
// stamping off; the build turns it back on, as the Makefile does.)
func TestE2EVersionFromBuildInfo(t *testing.T) {
	binary(t) // skips in -short mode
	head, err := exec.Command("git", "rev-parse", "HEAD").Output()
	if err != nil {
		t.Skipf("not a git checkout: %v", err)
	}
	bin := filepath.Join(t.TempDir(), "rampart")
	if out, err := exec.Command("go", "build", "-buildvcs=true", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 3 {
		t.Fatalf("version output:\n%s", out)
	}
	commit := strings.TrimPrefix(lines[1], "commit: ")
	if want := strings.TrimSpace(string(head))[:12]; strings.TrimSuffix(commit, "-dirty") != want {
		t.Errorf("commit = %q, want %s (git rev-parse HEAD)", commit, want)
	}
	// A build in a checkout gets a pseudo-version (or the tag) from Go.
	if v := strings.TrimPrefix(lines[0], "rampart "); v == "devel" || !strings.HasPrefix(v, "v") {
		t.Errorf("version = %q, want the module version Go stamped", v)
	}
}
