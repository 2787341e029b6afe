package engine

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/result"
)

const stackFile = "stacks/web.yaml"

func at(line int) graph.Location {
	return graph.Location{File: stackFile, StartLine: line, EndLine: line}
}

// sgRule builds a canonical ingress rule located at line, with its CIDRs
// on the following lines.
func sgRule(line int, protocol string, from, to float64, cidrs ...*graph.Value) *graph.Value {
	r := graph.Map(at(line))
	r.Set("protocol", graph.String(protocol, at(line)))
	r.Set("from_port", graph.Number(from, at(line+1)))
	r.Set("to_port", graph.Number(to, at(line+2)))
	r.Set("cidrs", graph.List(cidrs, at(line)))
	r.Set("source_security_groups", graph.List(nil, at(line)))
	r.Set("prefix_lists", graph.List(nil, at(line)))
	r.Set("self", graph.Bool(false, at(line)))
	r.Set("description", graph.String("why", at(line)))
	o := graph.Map(at(line))
	o.Set("id", graph.String("WebSG", at(line)))
	o.Set("type", graph.String("AWS::EC2::SecurityGroup", at(line)))
	r.Set("origin", o)
	return r
}

// securityGroup builds a canonical aws.ec2.security_group named id whose
// resource starts at line.
func securityGroup(id string, line int, ingress ...*graph.Value) *graph.Canonical {
	native := &graph.Resource{
		ID: id, Type: "AWS::EC2::SecurityGroup", Source: graph.SourceCloudFormation,
		Loc:   graph.Location{File: stackFile, StartLine: line, EndLine: line + 30},
		Attrs: graph.Map(at(line + 1)),
	}
	p := graph.Map(at(line))
	p.Set("name", graph.String("web-sg", at(line+2)))
	p.Set("description", graph.String("web tier", at(line+3)))
	p.Set("vpc_id", graph.UnknownRef("Vpc", "", "the VPC is created by this stack", at(line+4)))
	tags := graph.Map(at(line + 5))
	for _, k := range []string{"Environment", "Tier", "Application"} {
		tags.Set(k, graph.String("x", at(line+5)))
	}
	p.Set("tags", tags)
	p.Set("is_default", graph.Bool(false, at(line)))
	p.Set("external", graph.Bool(false, at(line)))
	p.Set("ingress", graph.List(ingress, at(line+6)))
	p.Set("egress", graph.List(nil, at(line)))
	return &graph.Canonical{Kind: "aws.ec2.security_group", UID: stackFile + "#" + id, ID: id, Native: native, Props: p}
}

func vpc(id string) *graph.Canonical {
	native := &graph.Resource{ID: id, Type: "AWS::EC2::VPC", Source: graph.SourceCloudFormation, Loc: at(1), Attrs: graph.Map(at(1))}
	return &graph.Canonical{Kind: "aws.ec2.vpc", UID: stackFile + "#" + id, ID: id, Native: native, Props: graph.Map(at(1))}
}

func newTestEngine(t *testing.T, opts Options) *Engine {
	t.Helper()
	e, err := New(context.Background(), opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return e
}

func writePolicy(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// userRule returns a user policy with the given ID and deny body.
func userRule(id, pkg, body string) string {
	return `# METADATA
# title: test rule ` + id + `
# description: a rule written for the engine tests
# custom:
#   id: ` + id + `
#   name: ` + strings.ToLower(id) + `
#   severity: HIGH
#   remediation: fix it
#   kinds: [aws.ec2.security_group]
#   reads: [vpc_id]
package ` + pkg + `

import data.rampart.lib

` + body + "\n"
}

func TestFindingLocationTraceFingerprint(t *testing.T) {
	derived := graph.String("0.0.0.0/0", at(14))
	derived.Trace = graph.Trace{{Location: at(3), Note: "default of parameter AdminCidr"}}
	sg := securityGroup("WebSG", 10,
		sgRule(12, "tcp", 443, 443, graph.String("10.0.0.0/8", at(13))),
		sgRule(20, "tcp", 22, 22, graph.String("10.0.0.0/8", at(23)), derived),
	)
	// Move the derived CIDR to the second rule's list as written.
	derived.Loc = at(24)
	e := newTestEngine(t, Options{Rules: []string{"AWS-SG-002"}})
	out, err := e.Evaluate(context.Background(), []*graph.Canonical{sg}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Findings) != 1 {
		t.Fatalf("findings = %+v, want 1", out.Findings)
	}
	f := out.Findings[0]
	want := result.Finding{
		RuleID: "AWS-SG-002", RuleName: "sg-no-public-admin-ports", Severity: result.SeverityCritical,
		Title:       "Security group allows admin ports from the internet",
		Message:     "security group WebSG allows tcp port 22 from 0.0.0.0/0, exposing admin port 22",
		Resource:    result.ResourceRef{ID: "WebSG", Type: "AWS::EC2::SecurityGroup", Kind: "aws.ec2.security_group"},
		Location:    at(24),
		Path:        "ingress[1].cidrs[1]",
		Remediation: f.Remediation,
		Fingerprint: fingerprint("AWS-SG-002", stackFile, "WebSG", "ingress[1].cidrs[1]"),
		Trace:       graph.Trace{{Location: at(3), Note: "default of parameter AdminCidr"}},
		Instances: []result.Instance{{Root: stackFile, Resource: "WebSG",
			Trace: graph.Trace{{Location: at(3), Note: "default of parameter AdminCidr"}}}},
	}
	if !reflect.DeepEqual(f, want) {
		t.Errorf("finding\n got %+v\nwant %+v", f, want)
	}
	if len(f.Fingerprint) != 32 || f.Remediation == "" {
		t.Errorf("fingerprint %q (len %d), remediation %q", f.Fingerprint, len(f.Fingerprint), f.Remediation)
	}
	if len(out.Passed) != 0 || len(out.Undecided) != 0 {
		t.Errorf("passed %v undecided %v, want none", out.Passed, out.Undecided)
	}
}

func TestFingerprintIgnoresLines(t *testing.T) {
	run := func(line int) string {
		sg := securityGroup("WebSG", line, sgRule(line+10, "tcp", 22, 22, graph.String("0.0.0.0/0", at(line+11))))
		out, err := newTestEngine(t, Options{Rules: []string{"AWS-SG-002"}}).Evaluate(context.Background(), []*graph.Canonical{sg}, nil)
		if err != nil || len(out.Findings) != 1 {
			t.Fatalf("evaluate: %v %+v", err, out)
		}
		return out.Findings[0].Fingerprint
	}
	if a, b := run(10), run(50); a != b {
		t.Errorf("fingerprint moved with the lines: %s vs %s", a, b)
	}
}

func TestUndecidedAndPassed(t *testing.T) {
	unknownCIDR := graph.Unknown("parameter AdminCidr has no value", at(41))
	decided := securityGroup("Decided", 10, sgRule(12, "tcp", 22, 22, graph.String("10.0.0.0/8", at(13))))
	undecided := securityGroup("Undecided", 30, sgRule(40, "tcp", 22, 22, unknownCIDR))
	unknownList := securityGroup("Dynamic", 60)
	unknownList.Props.Set("ingress", graph.Unknown("for_each over var.rules, which has no value", at(66)))
	// An Unknown source on an HTTPS rule cannot make an admin-port rule
	// fire: the rule's undecided set leaves it out, so the group passes.
	https := securityGroup("Https", 90, sgRule(92, "tcp", 443, 443, graph.Unknown("variable lb_cidr has no value", at(93))))
	resources := []*graph.Canonical{decided, undecided, unknownList, https, vpc("Vpc")}

	out, err := newTestEngine(t, Options{Rules: []string{"sg-no-public-admin-ports"}}).Evaluate(context.Background(), resources, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Findings) != 0 {
		t.Errorf("findings = %+v, want none", out.Findings)
	}
	wantUndecided := []result.Undecided{
		{RuleID: "AWS-SG-002", RuleName: "sg-no-public-admin-ports", Severity: result.SeverityCritical,
			Resource: result.ResourceRef{ID: "Undecided", Type: "AWS::EC2::SecurityGroup", Kind: "aws.ec2.security_group"},
			Location: at(41), Path: "ingress[0].cidrs[0]", Reason: "parameter AdminCidr has no value",
			Instances: []result.Instance{{Root: stackFile, Resource: "Undecided"}}},
		{RuleID: "AWS-SG-002", RuleName: "sg-no-public-admin-ports", Severity: result.SeverityCritical,
			Resource: result.ResourceRef{ID: "Dynamic", Type: "AWS::EC2::SecurityGroup", Kind: "aws.ec2.security_group"},
			Location: at(66), Path: "ingress", Reason: "for_each over var.rules, which has no value",
			Instances: []result.Instance{{Root: stackFile, Resource: "Dynamic"}}},
	}
	if !reflect.DeepEqual(out.Undecided, wantUndecided) {
		t.Errorf("undecided\n got %+v\nwant %+v", out.Undecided, wantUndecided)
	}
	wantPassed := []result.Check{
		{RuleID: "AWS-SG-002",
			Resource:  result.ResourceRef{ID: "Decided", Type: "AWS::EC2::SecurityGroup", Kind: "aws.ec2.security_group"},
			Location:  graph.Location{File: stackFile, StartLine: 10, EndLine: 40},
			Instances: []result.Instance{{Root: stackFile, Resource: "Decided"}}},
		{RuleID: "AWS-SG-002",
			Resource:  result.ResourceRef{ID: "Https", Type: "AWS::EC2::SecurityGroup", Kind: "aws.ec2.security_group"},
			Location:  graph.Location{File: stackFile, StartLine: 90, EndLine: 120},
			Instances: []result.Instance{{Root: stackFile, Resource: "Https"}}},
	}
	if !reflect.DeepEqual(out.Passed, wantPassed) {
		t.Errorf("passed\n got %+v\nwant %+v", out.Passed, wantPassed)
	}
}

// TestUndecidedFromReads covers rules without an undecided set: an Unknown
// anywhere on a custom.reads path leaves the resource undecided.
func TestUndecidedFromReads(t *testing.T) {
	dir := t.TempDir()
	writePolicy(t, dir, "name.rego", strings.Replace(userRule("USER-030", "rampart.rules.user_name", `
deny contains f if {
	some sg in lib.resources("aws.ec2.security_group")
	sg.properties.name == "forbidden"
	f := lib.finding(sg, ["name"], "forbidden name")
}`), "reads: [vpc_id]", "reads: [name, \"ingress[*].description\"]", 1))
	named := securityGroup("Named", 10)
	unnamed := securityGroup("Unnamed", 50)
	unnamed.Props.Set("name", graph.Unknown("variable name has no value", at(52)))
	undescribed := securityGroup("Undescribed", 90, sgRule(92, "tcp", 443, 443))
	undescribed.Props.Get("ingress").List[0].Set("description", graph.Unknown("data source", at(99)))
	out, err := newTestEngine(t, Options{PolicyDirs: []string{dir}, Rules: []string{"USER-030"}}).
		Evaluate(context.Background(), []*graph.Canonical{named, unnamed, undescribed}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, u := range out.Undecided {
		got = append(got, fmt.Sprintf("%s %s %d %s", u.Resource.ID, u.Path, u.Location.StartLine, u.Reason))
	}
	want := []string{"Unnamed name 52 variable name has no value", "Undescribed ingress[0].description 99 data source"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("undecided = %q, want %q", got, want)
	}
	if len(out.Passed) != 1 || out.Passed[0].Resource.ID != "Named" {
		t.Errorf("passed = %+v", out.Passed)
	}
}

// TestUndecidedSet covers a rule that keeps its own undecided set: entries
// with an Unknown at or below their path are undecided, entries without
// one are ignored, and reads are not consulted.
func TestUndecidedSet(t *testing.T) {
	dir := t.TempDir()
	writePolicy(t, dir, "own.rego", userRule("USER-031", "rampart.rules.user_own", `
deny contains f if {
	some sg in lib.resources("aws.ec2.security_group")
	sg.id == "Never"
	f := lib.finding(sg, [], "")
}

undecided contains lib.finding(sg, ["ingress", 0], "") if {
	some sg in lib.resources("aws.ec2.security_group")
}`))
	known := securityGroup("Known", 10, sgRule(12, "tcp", 22, 22, graph.String("0.0.0.0/0", at(13))))
	unknown := securityGroup("Unknown", 50, sgRule(52, "tcp", 22, 22, graph.Unknown("parameter Cidr has no value", at(55))))
	out, err := newTestEngine(t, Options{PolicyDirs: []string{dir}, Rules: []string{"USER-031"}}).
		Evaluate(context.Background(), []*graph.Canonical{known, unknown}, nil)
	if err != nil {
		t.Fatal(err)
	}
	// The vpc_id of both groups is Unknown and listed in reads; the
	// undecided set takes precedence, so only the Unknown CIDR counts.
	if len(out.Undecided) != 1 || out.Undecided[0].Resource.ID != "Unknown" || out.Undecided[0].Path != "ingress[0].cidrs[0]" ||
		out.Undecided[0].Location != at(55) || out.Undecided[0].Reason != "parameter Cidr has no value" {
		t.Errorf("undecided = %+v", out.Undecided)
	}
	if len(out.Passed) != 1 || out.Passed[0].Resource.ID != "Known" {
		t.Errorf("passed = %+v", out.Passed)
	}
}

func TestBlamedValueUnknownIsUndecided(t *testing.T) {
	dir := t.TempDir()
	// A careless user rule that blames vpc_id without checking it: the
	// engine must not turn an Unknown into a finding.
	writePolicy(t, dir, "vpc.rego", userRule("USER-001", "rampart.rules.user_vpc", `
deny contains f if {
	some sg in lib.resources("aws.ec2.security_group")
	f := lib.finding(sg, ["vpc_id"], "vpc")
}`))
	e := newTestEngine(t, Options{PolicyDirs: []string{dir}, Rules: []string{"USER-001"}})
	out, err := e.Evaluate(context.Background(), []*graph.Canonical{securityGroup("WebSG", 10)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Findings) != 0 || len(out.Undecided) != 1 {
		t.Fatalf("findings %+v undecided %+v", out.Findings, out.Undecided)
	}
	u := out.Undecided[0]
	if u.Path != "vpc_id" || u.Location != at(14) || u.Reason != "the VPC is created by this stack" {
		t.Errorf("undecided = %+v", u)
	}
}

func TestAbsentPathFallsBack(t *testing.T) {
	dir := t.TempDir()
	writePolicy(t, dir, "absent.rego", userRule("USER-002", "rampart.rules.user_absent", `
deny contains f if {
	some sg in lib.resources("aws.ec2.security_group")
	f := lib.finding(sg, ["tags", "Owner"], "no owner")
}
deny contains f if {
	some sg in lib.resources("aws.ec2.security_group")
	f := lib.finding(sg, [], "")
}`))
	sg := securityGroup("WebSG", 10)
	sg.Props.Loc = graph.Location{}
	out, err := newTestEngine(t, Options{PolicyDirs: []string{dir}, Rules: []string{"user-002"}}).Evaluate(context.Background(), []*graph.Canonical{sg}, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]graph.Location{}
	for _, f := range out.Findings {
		got[f.Path+"|"+f.Message] = f.Location
	}
	want := map[string]graph.Location{
		"tags.Owner|no owner": at(15),                                        // the enclosing tags map
		"|test rule USER-002": {File: stackFile, StartLine: 10, EndLine: 40}, // the resource
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("locations\n got %v\nwant %v", got, want)
	}
}

func TestNotesFromDiagnostics(t *testing.T) {
	sg := securityGroup("WebSG", 10, sgRule(12, "tcp", 22, 22, graph.String("0.0.0.0/0", at(13))))
	sg.Parts = []string{"SshIngress"}
	diags := graph.Diagnostics{
		{Severity: graph.SeverityWarning, Summary: "SourceSecurityGroupIds is not a property of AWS::EC2::SecurityGroup; did you mean SourceSecurityGroupId?", Location: at(12), Resource: "WebSG"},
		{Severity: graph.SeverityWarning, Summary: "CidrIP is not a property; did you mean CidrIp?", Location: at(50), Resource: "SshIngress"},
		{Severity: graph.SeverityWarning, Summary: "same ID, other file", Location: graph.Location{File: "other.yaml", StartLine: 1}, Resource: "WebSG"},
		{Severity: graph.SeverityError, Summary: "an error is not a note", Location: at(12), Resource: "WebSG"},
		{Severity: graph.SeverityWarning, Summary: "other resource", Location: at(90), Resource: "DbSG"},
	}
	out, err := newTestEngine(t, Options{Rules: []string{"AWS-SG-002"}}).Evaluate(context.Background(), []*graph.Canonical{sg}, diags)
	if err != nil || len(out.Findings) != 1 {
		t.Fatalf("evaluate: %v %+v", err, out)
	}
	want := []string{diags[0].Summary, diags[1].Summary}
	if !reflect.DeepEqual(out.Findings[0].Notes, want) {
		t.Errorf("notes = %q, want %q", out.Findings[0].Notes, want)
	}
}

func TestSandbox(t *testing.T) {
	cases := []struct {
		name, body, wantErr string
	}{
		{"http.send", `deny contains f if {
	r := http.send({"method": "GET", "url": "https://example.com"})
	f := lib.finding(input.by_kind.x[0], [], r.body)
}`, "http.send"},
		{"dns", `deny contains f if {
	ips := net.lookup_ip_addr("example.com")
	f := lib.finding(input.by_kind.x[0], [], sprintf("%v", [ips]))
}`, "net.lookup_ip_addr"},
		{"opa.runtime", `deny contains f if {
	rt := opa.runtime()
	f := lib.finding(input.by_kind.x[0], [], sprintf("%v", [rt.env]))
}`, "opa.runtime"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			p := writePolicy(t, dir, "bad.rego", userRule("USER-003", "rampart.rules.sandbox", tc.body))
			_, err := New(context.Background(), Options{PolicyDirs: []string{dir}})
			if err == nil {
				t.Fatal("New accepted a policy that reaches outside the process")
			}
			if !strings.Contains(err.Error(), tc.wantErr) || !strings.Contains(err.Error(), p+":") {
				t.Errorf("error %q should name %s and %s:line", err, tc.wantErr, p)
			}
		})
	}
	t.Run("cidr built-ins stay", func(t *testing.T) {
		dir := t.TempDir()
		writePolicy(t, dir, "ok.rego", userRule("USER-004", "rampart.rules.cidr_ok", `deny contains f if {
	some sg in lib.resources("aws.ec2.security_group")
	net.cidr_contains("10.0.0.0/8", "10.1.0.0/16")
	net.cidr_is_valid("::/0")
	f := lib.finding(sg, ["name"], "ok")
}`))
		out, err := newTestEngine(t, Options{PolicyDirs: []string{dir}, Rules: []string{"USER-004"}}).
			Evaluate(context.Background(), []*graph.Canonical{securityGroup("WebSG", 10)}, nil)
		if err != nil || len(out.Findings) != 1 {
			t.Fatalf("net.cidr_* must be allowed: %v %+v", err, out)
		}
	})
}

func TestBrokenUserPolicies(t *testing.T) {
	cases := []struct {
		name, file, text, want string
	}{
		{"syntax", "broken.rego", "package rampart.rules.broken\n\ndeny contains f if {\n\tf := \n}\n", "broken.rego:"},
		{"undefined ref", "undef.rego", userRule("USER-005", "rampart.rules.undef", "deny contains f if {\n\tf := no_such_function(1)\n}"), "undef.rego:16"},
		{"deny without metadata", "nometa.rego", "package rampart.rules.nometa\n\ndeny contains 1 if true\n", "nometa.rego:3: policy defines deny but has no METADATA"},
		{"missing severity", "nosev.rego", "# METADATA\n# title: t\n# custom:\n#   id: USER-006\n#   name: user-006\npackage rampart.rules.nosev\n\ndeny contains 1 if false\n", "nosev.rego:1: METADATA custom.severity is missing"},
		{"duplicate ID", "dup.rego", userRule("AWS-SG-002", "rampart.rules.dup", "deny contains 1 if false"), "rule ID AWS-SG-002 is already defined"},
		{"bad equivalent", "equiv.rego", strings.Replace(userRule("USER-008", "rampart.rules.equiv", "deny contains 1 if false"), "reads: [vpc_id]", "reads: [vpc_id]\n#   equivalents: [CKV_AWS_24]", 1), "custom.equivalents: \"CKV_AWS_24\" is not <tool>:<check id>"},
		{"bad reads", "reads.rego", strings.Replace(userRule("USER-007", "rampart.rules.reads", "deny contains 1 if false"), "reads: [vpc_id]", "reads: [\"ingress[x]\"]", 1), "custom.reads"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writePolicy(t, dir, tc.file, tc.text)
			_, err := New(context.Background(), Options{PolicyDirs: []string{dir}})
			if err == nil {
				t.Fatal("New accepted a broken policy")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not contain %q", err, tc.want)
			}
		})
	}
	if _, err := New(context.Background(), Options{PolicyDirs: []string{filepath.Join(t.TempDir(), "missing")}}); err == nil {
		t.Error("a missing policy directory must be an error")
	}
}

func TestRuleSelection(t *testing.T) {
	dir := t.TempDir()
	writePolicy(t, dir, "sub/profiled.rego", strings.Replace(userRule("USER-010", "rampart.rules.profiled", "deny contains 1 if false"),
		"#   kinds:", "#   profile: account-baseline\n#   kinds:", 1))
	ids := func(rules []result.Rule) []string {
		var out []string
		for _, r := range rules {
			out = append(out, r.ID)
		}
		return out
	}
	cases := []struct {
		name string
		opts Options
		want []string
	}{
		{"by ID", Options{Rules: []string{"AWS-SG-002", "aws-sg-001"}}, []string{"AWS-SG-001", "AWS-SG-002"}},
		{"by name", Options{Rules: []string{"sg-naming-convention"}}, []string{"AWS-SG-008"}},
		{"skip wins", Options{Rules: []string{"AWS-SG-002", "AWS-SG-003"}, SkipRules: []string{"sg-no-public-db-ports"}}, []string{"AWS-SG-002"}},
		{"profile off by default", Options{SkipRules: []string{"AWS-SG-001"}}, nil},
		{"profile enabled", Options{Profiles: []string{"account-baseline"}, Rules: nil}, nil},
		{"named profile rule runs", Options{Rules: []string{"USER-010"}}, []string{"USER-010"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.opts.PolicyDirs = []string{dir}
			e := newTestEngine(t, tc.opts)
			got := ids(e.Rules())
			switch tc.name {
			case "profile off by default":
				if contains(got, "USER-010") || contains(got, "AWS-SG-001") || !contains(got, "AWS-SG-013") {
					t.Errorf("rules = %v", got)
				}
			case "profile enabled":
				if !contains(got, "USER-010") || !contains(got, "AWS-SG-001") {
					t.Errorf("rules = %v", got)
				}
			default:
				if !reflect.DeepEqual(got, tc.want) {
					t.Errorf("rules = %v, want %v", got, tc.want)
				}
			}
			all := e.AllRules()
			if len(all) < 14 || !contains(ids(all), "USER-010") {
				t.Errorf("AllRules = %v", ids(all))
			}
			for _, r := range all {
				if r.Builtin == (r.ID == "USER-010") {
					t.Errorf("%s: Builtin = %v", r.ID, r.Builtin)
				}
			}
		})
	}
	for _, bad := range []Options{{Rules: []string{"AWS-SG-999"}}, {SkipRules: []string{"no-such-rule"}}} {
		if _, err := New(context.Background(), bad); err == nil || !strings.Contains(err.Error(), "no such rule") {
			t.Errorf("New(%+v) = %v, want an unknown-rule error", bad, err)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestRuleErrorsAreIsolated(t *testing.T) {
	dir := t.TempDir()
	writePolicy(t, dir, "conflict.rego", userRule("USER-020", "rampart.rules.conflict", `
first := sg.id if {
	some sg in lib.resources("aws.ec2.security_group")
}

deny contains f if {
	some sg in lib.resources("aws.ec2.security_group")
	sg.id == first
	f := lib.finding(sg, [], "x")
}`))
	writePolicy(t, dir, "builtin.rego", userRule("USER-021", "rampart.rules.builtin_error", `
deny contains f if {
	some sg in lib.resources("aws.ec2.security_group")
	to_number(sg.properties.description) > 1
	f := lib.finding(sg, [], "x")
}`))
	writePolicy(t, dir, "shape.rego", userRule("USER-022", "rampart.rules.bad_shape", `
deny contains "just a string" if true`))
	e := newTestEngine(t, Options{PolicyDirs: []string{dir}, Rules: []string{"USER-020", "USER-021", "USER-022", "AWS-SG-002"}})
	resources := []*graph.Canonical{
		securityGroup("A", 10, sgRule(12, "tcp", 22, 22, graph.String("0.0.0.0/0", at(13)))),
		securityGroup("B", 50),
	}
	out, err := e.Evaluate(context.Background(), resources, nil)
	if err == nil {
		t.Fatal("rule errors were not reported")
	}
	failed := map[string]bool{}
	for _, one := range err.(interface{ Unwrap() []error }).Unwrap() {
		var re *RuleError
		if !errors.As(one, &re) {
			t.Fatalf("error %v is not a *RuleError", one)
		}
		failed[re.RuleID] = true
	}
	if !failed["USER-020"] || !failed["USER-021"] || !failed["USER-022"] || len(failed) != 3 {
		t.Errorf("failed rules = %v", failed)
	}
	for _, want := range []string{"conflicting", "to_number", "not an object"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
	if out == nil || len(out.Findings) != 1 || out.Findings[0].RuleID != "AWS-SG-002" {
		t.Errorf("the healthy rule's findings were lost: %+v", out)
	}
}

func TestRefsInInput(t *testing.T) {
	sg := securityGroup("WebSG", 10)
	other := securityGroup("WebSG", 10)
	other.UID = "other.yaml#WebSG"
	other.Props.Set("vpc_id", graph.UnknownRef("Vpc", "", "x", at(3)))
	folded := securityGroup("DbSG", 80, sgRule(82, "tcp", 5432, 5432, graph.UnknownRef("WebSG", "GroupId", "group id", at(83))))
	folded.Parts = []string{"DbIngress"}
	resources := []*graph.Canonical{sg, other, folded, vpc("Vpc")}
	idx := newRefIndex(resources)
	check := func(c *graph.Canonical, want string) {
		t.Helper()
		if got := ast.ArrayTerm(idx.refs(c)...); !got.Equal(ast.MustParseTerm(want)) {
			t.Errorf("refs(%s) = %v, want %s", c.UID, got, want)
		}
	}
	check(sg, `[{"path": ["vpc_id"], "resource": "stacks/web.yaml#Vpc", "attribute": ""}]`)
	// A reference must not resolve into another unit.
	check(other, `[]`)
	check(folded, `[{"path": ["vpc_id"], "resource": "stacks/web.yaml#Vpc", "attribute": ""},
		{"path": ["ingress", 0, "cidrs", 0], "resource": "stacks/web.yaml#WebSG", "attribute": "GroupId"}]`)
	in, err := buildInput(context.Background(), resources, map[string]any{"max_ingress_rules": 5})
	if err != nil {
		t.Fatal(err)
	}
	for ref, want := range map[string]string{
		`input.by_kind["aws.ec2.security_group"][1].uid`:                          `"other.yaml#WebSG"`,
		`input.resources["stacks/web.yaml#DbSG"].properties.ingress[0].cidrs`:     `[null]`,
		`input.resources["stacks/web.yaml#DbSG"].properties.ingress[0].from_port`: `5432`,
		`input.resources["stacks/web.yaml#WebSG"].properties.vpc_id`:              `null`,
		`input.resources["stacks/web.yaml#WebSG"].type`:                           `"AWS::EC2::SecurityGroup"`,
		`input.resources["stacks/web.yaml#WebSG"].file`:                           `"stacks/web.yaml"`,
		`input.config.max_ingress_rules`:                                          `5`,
	} {
		r := ast.MustParseRef(ref)
		got, err := in.Find(r[1:])
		if err != nil || !ast.NewTerm(got).Equal(ast.MustParseTerm(want)) {
			t.Errorf("%s = %v (%v), want %s", ref, got, err, want)
		}
	}
	// Terraform: a reference without an instance key resolves to the only
	// instance, and not at all when there are several.
	tf := func(id string, props *graph.Value) *graph.Canonical {
		native := &graph.Resource{ID: id, Type: "aws_instance", Source: graph.SourceTerraform, Loc: at(1), Attrs: graph.Map(at(1))}
		return &graph.Canonical{Kind: "aws.ec2.instance", UID: "mod#" + id, ID: id, Native: native, Props: props}
	}
	single := tf(`aws_security_group.one[0]`, graph.Map(at(1)))
	many0 := tf(`aws_security_group.many["a"]`, graph.Map(at(1)))
	many1 := tf(`aws_security_group.many["b"]`, graph.Map(at(1)))
	user := graph.Map(at(2))
	user.Set("security_groups", graph.List([]*graph.Value{
		graph.UnknownRef("aws_security_group.one", "id", "computed", at(3)),
		graph.UnknownRef("aws_security_group.many", "id", "computed", at(4)),
		graph.UnknownRef(`aws_security_group.many["b"]`, "id", "computed", at(5)),
	}, at(2)))
	app := tf("aws_instance.app", user)
	tfIdx := newRefIndex([]*graph.Canonical{single, many0, many1, app})
	want := `[{"path": ["security_groups", 0], "resource": "mod#aws_security_group.one[0]", "attribute": "id"},
		{"path": ["security_groups", 2], "resource": "mod#aws_security_group.many[\"b\"]", "attribute": "id"}]`
	if got := ast.ArrayTerm(tfIdx.refs(app)...); !got.Equal(ast.MustParseTerm(want)) {
		t.Errorf("terraform refs = %v, want %s", got, want)
	}
	if _, err := buildInput(context.Background(), []*graph.Canonical{sg, sg}, nil); err == nil {
		t.Error("a duplicate uid must be an error")
	}
}

func TestSortAndWorkers(t *testing.T) {
	var resources []*graph.Canonical
	for i := 9; i >= 0; i-- {
		line := 100 + i*50
		resources = append(resources, securityGroup(string(rune('A'+i))+"SG", line,
			sgRule(line+2, "-1", 0, 65535, graph.String("0.0.0.0/0", at(line+3))),
			sgRule(line+10, "tcp", 22, 22, graph.String("0.0.0.0/0", at(line+11)))))
	}
	e1 := newTestEngine(t, Options{Workers: 1})
	e4 := newTestEngine(t, Options{Workers: 4})
	o1, err1 := e1.Evaluate(context.Background(), resources, nil)
	o4, err4 := e4.Evaluate(context.Background(), resources, nil)
	if err1 != nil || err4 != nil {
		t.Fatal(err1, err4)
	}
	if !reflect.DeepEqual(o1, o4) {
		t.Error("results depend on the number of workers")
	}
	for i := 1; i < len(o1.Findings); i++ {
		a, b := o1.Findings[i-1], o1.Findings[i]
		if a.Location.StartLine > b.Location.StartLine || (a.Location.StartLine == b.Location.StartLine && a.RuleID > b.RuleID) {
			t.Fatalf("findings not sorted: %v:%s before %v:%s", a.Location, a.RuleID, b.Location, b.RuleID)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := e1.Evaluate(ctx, resources, nil); err == nil {
		t.Error("a cancelled context must stop the evaluation")
	}
}

// TestCustomPolicyExample runs the example from docs/writing-policies.md:
// its Rego tests pass with the embedded helpers, and it loads and fires
// next to the built-in rules.
func TestCustomPolicyExample(t *testing.T) {
	results, err := RunPolicyTests(context.Background(), []string{"testdata/custom"})
	if err != nil {
		t.Fatal(err)
	}
	ran := 0
	for _, r := range results {
		if !strings.HasPrefix(r.Package, "data.acme.") {
			continue
		}
		ran++
		if r.Fail || r.Error != nil {
			t.Errorf("%s.%s: fail=%v error=%v %s", r.Package, r.Name, r.Fail, r.Error, r.Output)
		}
	}
	if ran != 5 {
		t.Errorf("ran %d example tests, want 5", ran)
	}
	e := newTestEngine(t, Options{PolicyDirs: []string{"testdata/custom"}, Config: map[string]any{"acme_owner_domain": "acme.test"}})
	if builtin := len(newTestEngine(t, Options{}).Rules()); len(e.Rules()) != builtin+1 {
		t.Errorf("enabled rules = %d, want the %d built-in ones plus ACME-001", len(e.Rules()), builtin)
	}
	out, err := e.Evaluate(context.Background(), []*graph.Canonical{securityGroup("WebSG", 10)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range out.Findings {
		got = append(got, f.RuleID+" "+f.Message)
	}
	if !reflect.DeepEqual(got, []string{"ACME-001 security group WebSG has no Owner tag at acme.test"}) {
		t.Errorf("findings = %q", got)
	}
}
