package analyzer

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/rampart-iac/rampart/internal/corpus"
)

var corpusSizes = []struct {
	name string
	size corpus.Size
}{
	{"small", corpus.Size{Modules: 2, Templates: 2, GroupsPerUnit: 5}},
	{"medium", corpus.Size{Modules: 10, Templates: 10, GroupsPerUnit: 20}},
	{"large", corpus.Size{Modules: 40, Templates: 40, GroupsPerUnit: 25}},
}

// BenchmarkScan scans generated corpora in process and reports throughput.
func BenchmarkScan(b *testing.B) {
	for _, c := range corpusSizes {
		b.Run(c.name, func(b *testing.B) {
			dir := b.TempDir()
			if err := corpus.Write(dir, c.size); err != nil {
				b.Fatal(err)
			}
			files := 2*c.size.Modules + c.size.Templates
			b.ResetTimer()
			for b.Loop() {
				res, err := Scan(context.Background(), Options{Paths: []string{dir}, Root: dir})
				if err != nil {
					b.Fatal(err)
				}
				if len(res.Errors) > 0 {
					b.Fatalf("corpus does not parse: %s", res.Errors[0].Error())
				}
			}
			secs := b.Elapsed().Seconds() / float64(b.N)
			b.ReportMetric(float64(c.size.Resources())/secs, "resources/s")
			b.ReportMetric(float64(files)/secs, "files/s")
		})
	}
}

// BenchmarkProcess runs the real binary, as a pre-commit hook or CI does:
// "cold-one-file" is one small template from a cold process (what a hook pays
// on every commit), the corpora measure whole-process peak memory.
func BenchmarkProcess(b *testing.B) {
	bin := buildBinary(b)
	one := filepath.Join(b.TempDir(), "one.yaml")
	if err := os.WriteFile(one, []byte(corpus.CloudFormationTemplate(1, 1)), 0o644); err != nil {
		b.Fatal(err)
	}
	b.Run("cold-one-file", func(b *testing.B) { runBinary(b, bin, one) })
	for _, c := range corpusSizes {
		b.Run(c.name, func(b *testing.B) {
			dir := b.TempDir()
			if err := corpus.Write(dir, c.size); err != nil {
				b.Fatal(err)
			}
			runBinary(b, bin, dir)
		})
	}
}

func runBinary(b *testing.B, bin, path string) {
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
}

func buildBinary(b *testing.B) string {
	b.Helper()
	bin := filepath.Join(b.TempDir(), "rampart")
	out, err := exec.Command("go", "build", "-o", bin, "../cmd/rampart").CombinedOutput()
	if err != nil {
		b.Fatalf("building rampart: %v\n%s", err, out)
	}
	return bin
}
