package analyzer

import (
	"context"
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
