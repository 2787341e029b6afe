// Package policies holds rampart's built-in Rego policies. They are embedded
// in the binary so a scan never downloads anything: the rules a binary runs
// are pinned to its version.
//
// Layout: lib/ holds helpers for policy authors (package rampart.lib...),
// aws/<service>/<id>.rego holds one rule each, with <id>_test.rego beside
// it. The test modules are embedded too so `rampart policy test` can run
// them; the engine leaves them out of the rule set.
package policies

import "embed"

// FS contains every .rego file under this directory, tests included.
//
//go:embed lib aws
var FS embed.FS

// Examples holds, for each built-in rule, a failing and a passing excerpt
// of its fixtures under testdata/rules, for rampart explain: the binary
// runs outside the repository, so they are generated into this file
// (go test ./analyzer/engine -run TestRuleExamples -update) and embedded.
//
//go:embed examples.json
var Examples []byte
