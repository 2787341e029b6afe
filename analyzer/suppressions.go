package analyzer

import (
	"hash/maphash"
	"sync"

	"github.com/rampart-iac/rampart/analyzer/engine"
	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/result"
	"github.com/rampart-iac/rampart/analyzer/suppress"
	"github.com/rampart-iac/rampart/internal/safefs"
)

// maxSuppressionRead bounds the re-read of a scanned file for its
// suppression comments: no template or configuration file is larger.
const maxSuppressionRead = 16 << 20

// applySuppressions marks the findings of every instance that a
// suppression or the baseline covers, before the instances of one place are
// merged (a configuration entry naming one module instance covers that
// instance only), and returns the diagnostics about the suppressions.
// decls are the declarations the scan kept (declarations.go). The files
// unmarked reports were read whole by the scan and hold no inline
// suppression comment: they are not read again. The others are read inside the
// boundary they were scanned in (boundaryOf).
func applySuppressions(findings []result.Finding, decls *declarations, eng *engine.Engine, res *Result, opts Options, boundaryOf func(string) string, unmarked func(path string) bool) ([]result.Finding, graph.Diagnostics) {
	return suppress.Apply(suppress.Input{
		Findings:   findings,
		Resources:  decls.resources(),
		DeclaredAt: decls.declaredAt,
		Rules:      eng.AllRules(),
		Ran:        eng.Rules(),
		Files:      res.Files,
		ReadFile: func(path string) ([]byte, error) {
			if unmarked(path) {
				return nil, nil
			}
			return safefs.ReadFile(path, boundaryOf(path), maxSuppressionRead)
		},
	}, opts.Suppressions)
}

// fileMarks notes, for the Terraform files the loaders read on their
// goroutines, whether a read held the inline suppression marker: those
// that never did are not read again for their comments. A file read
// twice with other bytes (edited during the scan) is read again if
// either held it. The files read are kept as hashes of their paths, in
// a map the collector need not look into (the 200-copy tree reads
// 143,000 files, and a map of their paths was 5.6 MB it marked at
// every cycle); a path that collides with one read is taken as read,
// which only a path no loader read could be, and every scanned
// Terraform file was read by one.
type fileMarks struct {
	seed   maphash.Seed
	mu     sync.Mutex
	read   map[uint64]struct{}
	marked map[string]bool
}

func newFileMarks() *fileMarks {
	return &fileMarks{seed: maphash.MakeSeed(), read: map[uint64]struct{}{}, marked: map[string]bool{}}
}

// note is terraform.Options.Read.
func (m *fileMarks) note(path string, src []byte) {
	has := suppress.HasMarker(src)
	h := maphash.String(m.seed, path)
	m.mu.Lock()
	defer m.mu.Unlock()
	m.read[h] = struct{}{}
	if has {
		m.marked[path] = true
	}
}

// unmarked reports whether path was read and never held the marker.
func (m *fileMarks) unmarked(path string) bool {
	h := maphash.String(m.seed, path)
	m.mu.Lock()
	defer m.mu.Unlock()
	_, read := m.read[h]
	return read && !m.marked[path]
}

// unmarkedFile reports whether the suppression stage need not read path
// again: it was read whole, and held no suppression comment.
func (s *streamer) unmarkedFile(path string) bool {
	return s.unmarked[path] || s.tfMarks.unmarked(path)
}
