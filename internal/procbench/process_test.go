package procbench

import (
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/rampart-iac/rampart/internal/corpus"
)

var sizes = []struct {
	name string
	size corpus.Size
}{
	{"small", corpus.Size{Modules: 2, Templates: 2, GroupsPerUnit: 5}},
	{"medium", corpus.Size{Modules: 10, Templates: 10, GroupsPerUnit: 20}},
	{"large", corpus.Size{Modules: 40, Templates: 40, GroupsPerUnit: 25}},
}

// BenchmarkProcess runs the real binary: "cold-one-file" is one small
// template from a fresh process (what a pre-commit hook pays on every
// commit); the corpora measure whole-process time and peak memory.
func BenchmarkProcess(b *testing.B) {
	bin := filepath.Join(b.TempDir(), "rampart")
	if out, err := exec.Command("go", "build", "-o", bin, "../../cmd/rampart").CombinedOutput(); err != nil {
		b.Fatalf("building rampart: %v\n%s", err, out)
	}
	one := filepath.Join(b.TempDir(), "one.yaml")
	if err := os.WriteFile(one, []byte(corpus.CloudFormationTemplate(1, 1)), 0o644); err != nil {
		b.Fatal(err)
	}
	b.Run("cold-one-file", func(b *testing.B) { run(b, bin, one, 5) })
	for _, c := range sizes {
		b.Run(c.name, func(b *testing.B) {
			dir := b.TempDir()
			if err := corpus.Write(dir, c.size); err != nil {
				b.Fatal(err)
			}
			run(b, bin, dir, c.size.Resources())
		})
	}
}

func run(b *testing.B, bin, path string, resources int) {
	var peak int64
	for b.Loop() {
		cmd := exec.Command(bin, "scan", "--format", "json", "--output", os.DevNull, path)
		err := cmd.Run()
		if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == 1 {
			err = nil // findings are expected
		}
		if err != nil {
			b.Fatalf("rampart scan %s: %v", path, err)
		}
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok && ru.Maxrss > peak {
			peak = ru.Maxrss
		}
	}
	b.ReportMetric(float64(peak)/1024, "peak-RSS-MB")
	b.ReportMetric(float64(resources)/(b.Elapsed().Seconds()/float64(b.N)), "resources/s")
}
