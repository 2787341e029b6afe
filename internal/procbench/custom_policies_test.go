package procbench

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/rampart-iac/rampart/internal/corpus"
)

// customPolicyKinds are the kinds the generated custom rules examine, so
// the one-file scan (a security group template) runs some of them and
// compiles all of them.
var customPolicyKinds = []string{"aws.ec2.security_group", "aws.s3.bucket", "aws.ec2.instance", "aws.iam.role", "aws.ec2.vpc"}

// writeCustomPolicies writes n custom rules in the style of `rampart policy
// new` (a tag read from native, one package each) with their unit tests.
func writeCustomPolicies(dir string, n int) error {
	for i := range n {
		kind := customPolicyKinds[i%len(customPolicyKinds)]
		rule := fmt.Sprintf(`# METADATA
# title: resource without tag T%[1]d
# custom:
#   id: BENCH-%03[1]d
#   name: bench-tag-%[1]d
#   severity: LOW
#   kinds: [%[2]s]
package bench.rules.tag_%[1]d

import data.rampart.lib

deny contains f if {
	some r in lib.resources(%[2]q)
	not has_tag(r.native)
	f := lib.finding(r, [], sprintf("%%v has no T%[1]d tag", [r.id]))
}

has_tag(native) if {
	some tag in native.Tags
	tag.Key == "T%[1]d"
}

has_tag(native) if native.tags["T%[1]d"]
`, i, kind)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("tag_%03d.rego", i)), []byte(rule), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// BenchmarkCustomPolicies is the cold start of a one-file scan from a
// fresh process with only the built-in rules, and with 200 custom rules
// loaded next to them (--policy-dir): the issue 15 budget is that the
// second stays under twice the first. Figures are wall time (ns/op) and
// CPU time (user + system, cpu-ms/op) per run; a loaded machine disturbs
// CPU time less.
func BenchmarkCustomPolicies(b *testing.B) {
	bin := filepath.Join(b.TempDir(), "rampart")
	if out, err := exec.Command("go", "build", "-o", bin, "../../cmd/rampart").CombinedOutput(); err != nil {
		b.Fatalf("building rampart: %v\n%s", err, out)
	}
	one := filepath.Join(b.TempDir(), "one.yaml")
	if err := os.WriteFile(one, []byte(corpus.CloudFormationTemplate(1, 1)), 0o644); err != nil {
		b.Fatal(err)
	}
	policies := b.TempDir()
	if err := writeCustomPolicies(policies, 200); err != nil {
		b.Fatal(err)
	}
	b.Run("builtin-only", func(b *testing.B) { runCPU(b, bin, "scan", "--format", "json", "--output", os.DevNull, one) })
	b.Run("200-custom", func(b *testing.B) {
		runCPU(b, bin, "scan", "--policy-dir", policies, "--format", "json", "--output", os.DevNull, one)
	})
}

// runCPU runs the binary b.N times and reports its CPU time per run
// (ns/op is the wall time: policies compile on every core, so a quiet
// machine with several cores sees less wall than CPU time).
func runCPU(b *testing.B, bin string, args ...string) {
	var cpu time.Duration
	for b.Loop() {
		cmd := exec.Command(bin, args...)
		err := cmd.Run()
		if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == 1 {
			err = nil // findings are expected
		}
		if err != nil {
			b.Fatalf("rampart %v: %v", args, err)
		}
		cpu += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
}
