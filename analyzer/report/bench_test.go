package report

import (
	"fmt"
	"io"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/result"
)

// largeResult is about the 20-copy tree's result: findings of a module
// shared by several roots, and the file list of a large tree.
func largeResult(findings, files int) *result.Result {
	res := &result.Result{}
	for i := range findings {
		file := fmt.Sprintf("c%03d/vpc/modules/m%d/main.tf", i%20, i%50)
		f := result.Finding{
			RuleID: "AWS-SG-002", RuleName: "sg-no-public-admin-ports", Severity: result.SeverityHigh,
			Title: "Security group allows admin ports from the internet", Message: fmt.Sprintf("aws_security_group.this[%d] allows 22 from 0.0.0.0/0", i),
			Resource:    result.ResourceRef{ID: fmt.Sprintf("aws_security_group.this[%d]", i), Type: "aws_security_group", Kind: "aws.ec2.security_group"},
			Location:    graph.Location{File: file, StartLine: 10 + i%40, EndLine: 10 + i%40},
			Remediation: "Allow the admin ports from the networks that need them only.", Fingerprint: fmt.Sprintf("%032x", i),
		}
		for r := range 4 {
			f.Instances = append(f.Instances, result.Instance{Root: fmt.Sprintf("c%03d/vpc/examples/e%d", i%20, r), Module: "module.vpc", Resource: f.Resource.ID,
				Trace: graph.Trace{{Location: f.Location, Note: "ingress rule"}}})
		}
		res.Findings = append(res.Findings, f)
	}
	for i := range files {
		res.Files = append(res.Files, result.File{Path: fmt.Sprintf("c%03d/vpc/modules/m%d/f%d.tf", i%20, i%50, i), Status: result.FileScanned, Type: "terraform"})
	}
	return res
}

// BenchmarkLargeReport writes the JSON and SARIF reports of a large
// result; B/op counts the memory the encoding takes.
func BenchmarkLargeReport(b *testing.B) {
	res := largeResult(4000, 18000)
	for _, format := range []string{"json", "sarif"} {
		b.Run(format, func(b *testing.B) {
			w, err := New(format, Options{})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if err := w.Write(io.Discard, res); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
