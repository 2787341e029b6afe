package main

import (
	"os"
	"path/filepath"
	"testing"
)

// measure runs the binary it is given from where benchrepos was started,
// whatever the directory scanned: make passes bin/rampart.
func TestMeasureRunsARelativeBinaryFromTheStartingDirectory(t *testing.T) {
	start, scanned := t.TempDir(), t.TempDir()
	// A stand-in for rampart: it writes a report of two files and three
	// resources where --output says, and exits 1, as a scan with
	// findings does.
	fake := "#!/bin/sh\nprintf '{\"files\":[{},{}],\"summary\":{\"resources\":3}}' > \"$5\"\nexit 1\n"
	if err := os.MkdirAll(filepath.Join(start, "bin"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(start, "bin", "rampart"), []byte(fake), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(start)
	m, err := measure("bin/rampart", scanned, 2)
	if err != nil {
		t.Fatalf("measure: %v", err)
	}
	if m.files != 2 || m.resources != 3 {
		t.Errorf("files, resources = %d, %d, want 2, 3", m.files, m.resources)
	}
	if m.wall <= 0 || m.peakRSS <= 0 {
		t.Errorf("wall %v, peak RSS %d: want both measured", m.wall, m.peakRSS)
	}
}
