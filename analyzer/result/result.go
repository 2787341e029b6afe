// Package result holds what a scan produces: findings, undecided results,
// the accounting of every file, and the rule catalogue. It is the contract
// between the analyzer (engine, config) and the report writers.
package result

import (
	"fmt"
	"strings"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// Severity of a rule. The order matters: --fail-on compares with it.
type Severity int

const (
	SeverityLow Severity = iota + 1
	SeverityMedium
	SeverityHigh
	SeverityCritical
)

var severityNames = map[Severity]string{
	SeverityLow: "LOW", SeverityMedium: "MEDIUM", SeverityHigh: "HIGH", SeverityCritical: "CRITICAL",
}

func (s Severity) String() string {
	if n, ok := severityNames[s]; ok {
		return n
	}
	return "UNKNOWN"
}

// MarshalText renders the severity name in JSON.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText parses a severity name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// ParseSeverity parses LOW, MEDIUM, HIGH, CRITICAL (any case).
func ParseSeverity(name string) (Severity, error) {
	for s, n := range severityNames {
		if strings.EqualFold(n, strings.TrimSpace(name)) {
			return s, nil
		}
	}
	return 0, fmt.Errorf("unknown severity %q (want LOW, MEDIUM, HIGH or CRITICAL)", name)
}

// Rule is a rule's metadata, read from its Rego METADATA block.
type Rule struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Severity    Severity `json:"severity"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Remediation string   `json:"remediation"`
	References  []string `json:"references,omitempty"`
	// Equivalents are the checks of other tools that cover the same
	// ground, each written "<tool>:<check id>" (checkov:CKV_AWS_24), so a
	// user moving from that tool can map its suppressions.
	Equivalents []string `json:"equivalents,omitempty"`
	// Kinds are the canonical kinds the rule examines.
	Kinds []string `json:"kinds,omitempty"`
	// Reads are the canonical property paths the rule reads; an Unknown in
	// one of them without a finding makes the result undecided.
	Reads []string `json:"reads,omitempty"`
	// Profile is the opt-in profile the rule belongs to ("" = default).
	Profile string `json:"profile,omitempty"`
	// Scope is "account" for a rule that reasons over the whole scan as
	// one account's baseline, "" for a rule evaluated unit by unit.
	Scope string `json:"scope,omitempty"`
	// Parameters are the rule parameters (.rampart.yaml rule_config) the
	// rule reads, with their types and defaults.
	Parameters []Parameter `json:"parameters,omitempty"`
	// Examples are a failing and a passing excerpt of the rule's fixtures,
	// for rampart explain.
	Examples []Example `json:"examples,omitempty"`
	// Builtin is false for rules loaded from --policy-dir.
	Builtin bool `json:"builtin"`
	// Inactive says why the rule does not run with the configuration it
	// was loaded with ("inactive while required_tags is empty"); "" when
	// it runs.
	Inactive string `json:"inactive,omitempty"`
}

// Parameter is a rule parameter: a value a user may set in the
// rule_config: section of .rampart.yaml.
type Parameter struct {
	Name string `json:"name"`
	// Type is the parameter's type as declared: string, regex, boolean,
	// integer, port, cidr, port_range, or list(T) of one of them.
	Type string `json:"type"`
	// Default is the value the rule uses when rule_config does not set
	// it, as JSON would hold it.
	Default     any    `json:"default"`
	Description string `json:"description"`
	// InactiveWhenEmpty: a rule that reads the parameter does not run
	// while its value is empty (an empty list or string), since there is
	// then nothing to require (required_tags).
	InactiveWhenEmpty bool `json:"inactive_when_empty,omitempty"`
}

// Example is an excerpt of a rule's fixture: a template that fails the
// rule (Fails) or passes it.
type Example struct {
	Fails bool `json:"fails"`
	// File is the fixture's name, such as "tf-fail/main.tf".
	File string `json:"file"`
	// StartLine is the line of the excerpt's first line in File.
	StartLine int    `json:"start_line"`
	Text      string `json:"text"`
}

// ResourceRef identifies the resource a result is about.
type ResourceRef struct {
	ID   string `json:"id"`
	Type string `json:"type"`
	Kind string `json:"kind,omitempty"`
}

// Suppression says why a finding does not count.
type Suppression struct {
	// Source is where the suppression was written: "inline" (a comment),
	// "metadata" (CFN resource Metadata), "config", "baseline".
	Source string `json:"source"`
	Reason string `json:"reason"`
	// Until is the expiry date (YYYY-MM-DD), if any.
	Until    string         `json:"until,omitempty"`
	Location graph.Location `json:"location,omitzero"`
}

// Finding is one rule violation on one resource.
type Finding struct {
	RuleID   string         `json:"rule_id"`
	RuleName string         `json:"rule_name"`
	Severity Severity       `json:"severity"`
	Title    string         `json:"title"`
	Message  string         `json:"message"`
	Resource ResourceRef    `json:"resource"`
	Location graph.Location `json:"location"`
	// Path is the canonical property path the rule blamed.
	Path        string       `json:"attribute,omitempty"`
	Remediation string       `json:"remediation"`
	Fingerprint string       `json:"fingerprint"`
	Suppressed  bool         `json:"suppressed"`
	Suppression *Suppression `json:"suppression,omitempty"`
	// Trace is the provenance chain of the blamed value, origin first.
	Trace graph.Trace `json:"trace"`
	// Notes are diagnostics that bear on this finding (a misspelled
	// property the rule would have read).
	Notes []string `json:"notes,omitempty"`
	// Instances are the evaluations that produce this finding, sorted by
	// root, module and resource; the other fields are those of the first.
	// A module file evaluated from several roots or module calls, or a
	// resource with count, is one finding with one instance per evaluation.
	Instances []Instance `json:"instances"`
}

// Instance is one evaluation of a module or template that yields a result:
// a finding at a line of a shared module lists one per root and module call
// that reaches the line.
type Instance struct {
	// Root is the root module directory, plan file or top-level template
	// the scan analysed.
	Root string `json:"root"`
	// Module is the module instance address inside Root (module.vpc,
	// module.a.module.b["k"]) or the nested stack path (Network, Network/Db);
	// "" for the root module or top-level template itself.
	Module string `json:"module"`
	// Resource is the resource's address inside that module instance or
	// stack: aws_security_group.this[0], WebSecurityGroup.
	Resource string `json:"resource"`
	// Trace is this instance's provenance of the blamed value, origin first.
	Trace graph.Trace `json:"trace"`
}

// BlockAddress is the resource's address inside its module without an
// instance key: what every instance of one resource block shares
// (aws_security_group.this for aws_security_group.this[0]).
func (in Instance) BlockAddress() string {
	// Resource types and names, and logical IDs, cannot hold a bracket:
	// the first one opens the instance key.
	if i := strings.IndexByte(in.Resource, '['); i >= 0 {
		return in.Resource[:i]
	}
	return in.Resource
}

// Address is the instance's resource address as the root sees it: the
// module address joined with the resource address.
func (in Instance) Address() string {
	switch {
	case in.Module == "":
		return in.Resource
	case strings.HasPrefix(in.Module, "module."):
		return in.Module + "." + in.Resource
	default:
		return in.Module + "/" + in.Resource
	}
}

// Undecided is a rule that could not decide on a resource because a value it
// reads is Unknown.
type Undecided struct {
	RuleID   string         `json:"rule_id"`
	RuleName string         `json:"rule_name"`
	Severity Severity       `json:"severity"`
	Resource ResourceRef    `json:"resource"`
	Location graph.Location `json:"location"`
	Path     string         `json:"attribute"`
	Reason   string         `json:"reason"`
	// Instances are the evaluations that leave the rule undecided here,
	// as for a Finding; Trace is the Unknown value's provenance.
	Instances []Instance `json:"instances"`
}

// Check is one rule evaluated on one resource; reports that show passing
// checks (JUnit) use them.
type Check struct {
	RuleID   string         `json:"rule_id"`
	Resource ResourceRef    `json:"resource"`
	Location graph.Location `json:"location"`
	// Instances are the evaluations that pass here, as for a Finding.
	Instances []Instance `json:"instances"`
}

// FileStatus is what happened to a file.
type FileStatus string

const (
	FileScanned FileStatus = "scanned"
	FileIgnored FileStatus = "ignored"
	FileFailed  FileStatus = "failed"
)

// File accounts for one file the scan met.
type File struct {
	Path   string     `json:"path"`
	Status FileStatus `json:"status"`
	// Type is cloudformation, terraform or terraform-plan for scanned files.
	Type   string `json:"type,omitempty"`
	Reason string `json:"reason,omitempty"`
}

// Summary counts a result.
type Summary struct {
	Files      int            `json:"files"`
	Scanned    int            `json:"scanned"`
	Ignored    int            `json:"ignored"`
	Failed     int            `json:"failed"`
	Resources  int            `json:"resources"`
	Findings   int            `json:"findings"`
	Suppressed int            `json:"suppressed"`
	Undecided  int            `json:"undecided"`
	BySeverity map[string]int `json:"by_severity"`
}

// Result is everything one scan produced.
type Result struct {
	// Root is the scan root paths are relative to.
	Root      string             `json:"-"`
	Findings  []Finding          `json:"findings"`
	Undecided []Undecided        `json:"undecided"`
	Errors    []graph.Diagnostic `json:"errors"`
	Warnings  []graph.Diagnostic `json:"warnings"`
	Files     []File             `json:"files"`
	// Rules are the rules that ran.
	Rules  []Rule  `json:"-"`
	Passed []Check `json:"-"`
	// Resources is the number of canonical resources evaluated.
	Resources int `json:"-"`
	// Boundaries are the directories the scan read in (repository roots,
	// or --root): a report reading a source file for a snippet reads
	// only inside them, as the front-ends did.
	Boundaries []string `json:"-"`
	// Policies are the sources of user policies the scan loaded, with
	// their revisions.
	Policies []PolicySource `json:"-"`
}

// Summarize counts the result.
func (r *Result) Summarize() Summary {
	s := Summary{BySeverity: map[string]int{}, Resources: r.Resources, Undecided: len(r.Undecided)}
	for _, f := range r.Files {
		s.Files++
		switch f.Status {
		case FileScanned:
			s.Scanned++
		case FileIgnored:
			s.Ignored++
		case FileFailed:
			s.Failed++
		}
	}
	for _, f := range r.Findings {
		if f.Suppressed {
			s.Suppressed++
			continue
		}
		s.Findings++
		s.BySeverity[f.Severity.String()]++
	}
	return s
}

// Failing reports whether any unsuppressed finding is at or above min.
func (r *Result) Failing(min Severity) bool {
	for _, f := range r.Findings {
		if !f.Suppressed && f.Severity >= min {
			return true
		}
	}
	return false
}
