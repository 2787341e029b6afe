package analyzer

import (
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
// in unmarked were read whole by the scan and hold no inline suppression
// comment: they are not read again. The others are read inside the
// boundary they were scanned in (boundaryOf).
func applySuppressions(findings []result.Finding, decls *declarations, eng *engine.Engine, res *Result, opts Options, boundaryOf func(string) string, unmarked map[string]bool) ([]result.Finding, graph.Diagnostics) {
	return suppress.Apply(suppress.Input{
		Findings:   findings,
		Resources:  decls.resources(),
		DeclaredAt: decls.declaredAt,
		Rules:      eng.AllRules(),
		Ran:        eng.Rules(),
		Files:      res.Files,
		ReadFile: func(path string) ([]byte, error) {
			if unmarked[path] {
				return nil, nil
			}
			return safefs.ReadFile(path, boundaryOf(path), maxSuppressionRead)
		},
	}, opts.Suppressions)
}
