// Package analyzer is rampart's library: Scan reads templates, builds the
// resource graph, evaluates the policies and returns a result. The CLI in
// cmd/rampart is a thin layer over it.
package analyzer

import (
	"github.com/rampart-iac/rampart/analyzer/engine"
	"github.com/rampart-iac/rampart/analyzer/result"
	"github.com/rampart-iac/rampart/analyzer/suppress"
	"github.com/rampart-iac/rampart/analyzer/terraform"
)

// Options configure one scan. The CLI fills them from flags, RAMPART_*
// environment variables and .rampart.yaml, in that order of precedence.
type Options struct {
	// Paths to scan: files or directories. Default ".".
	Paths []string
	// Root is the directory paths in the report are relative to; default
	// the current directory. It bounds nothing: see Boundary.
	Root string
	// Boundary is the one directory the front-ends may read in beyond the
	// scanned files themselves: Terraform file functions and module
	// sources, CloudFormation nested stacks, a plan's configuration. A
	// read that resolves outside it is an error at the reference. Default:
	// for each scan path, its repository root (RepositoryRoot). Every scan
	// path must lie inside a Boundary that is set.
	Boundary string
	// Exclude holds glob patterns (gitignore style) of paths not to scan.
	Exclude []string

	// PolicyDirs are extra Rego policy directories.
	PolicyDirs []string
	// Rules, when set, runs only these rules (IDs or names).
	Rules []string
	// SkipRules never runs these rules (IDs or names).
	SkipRules []string
	// Profiles enables opt-in rule profiles.
	Profiles []string
	// RuleConfig holds rule parameters (the `rule_config:` section of
	// .rampart.yaml), passed to policies as input.config.
	RuleConfig map[string]any
	// Suppressions are the configuration's ignore entries, whether a
	// suppression needs a reason, and the baseline (analyzer/suppress);
	// inline comments and CloudFormation Metadata are read from the
	// templates.
	Suppressions suppress.Options
	// Engine, when set, evaluates the scan instead of one built from
	// PolicyDirs, Rules, SkipRules, Profiles and RuleConfig, which are then
	// ignored. An engine is safe for concurrent use and compiles each rule
	// once, so many scans can share one (tests scanning many fixtures do).
	Engine *engine.Engine

	// VarArgs are the Terraform variable assignments (--var k=v) and
	// variable files (--var-file), in the order they apply: a later one
	// replaces what an earlier one set, as on terraform's command line.
	VarArgs []terraform.VarArg
	// Env is the process environment, for TF_VAR_* and TF_WORKSPACE
	// (nil means none).
	Env []string

	// CloudFormation parameters: --cfn-param k=v and --cfn-param-file.
	CFNParams     map[string]string
	CFNParamFiles []string

	// Workers bounds parallelism (0 = GOMAXPROCS).
	Workers int

	// OmitPassed leaves Result.Passed empty. Until a scan ends it holds a
	// passed check for every rule, resource and root module that evaluated
	// it, most of what a large tree keeps in memory; only a report that
	// lists passed checks (report.Format.ListsPassed: JUnit) needs them.
	OmitPassed bool
}

// Result is what a scan returns.
type Result = result.Result
