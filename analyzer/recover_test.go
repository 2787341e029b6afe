package analyzer

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/aws"
	"github.com/rampart-iac/rampart/analyzer/engine"
	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/result"
)

const openSSHTemplate = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  SG:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: x
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}
`

// TestInternalErrorFailsOnlyItsUnit injects a panic into one unit's
// normalization or evaluation: that unit fails with an internal error
// located at its file, its file is marked failed, and the other units are
// reported in full.
func TestInternalErrorFailsOnlyItsUnit(t *testing.T) {
	isBad := func(path string) bool { return filepath.Base(path) == "bad.yaml" }
	hasBad := func(canon []*graph.Canonical) bool {
		for _, c := range canon {
			if isBad(c.Native.Loc.File) {
				return true
			}
		}
		return false
	}
	tests := []struct {
		name  string
		st    stages
		while string
	}{
		{
			name: "normalization",
			st: stages{normalize: func(ctx context.Context, u *graph.Unit) ([]*graph.Canonical, graph.Diagnostics) {
				if isBad(u.Path) {
					var r *graph.Resource
					_ = r.ID // a nil dereference, as in the bug this guards against
				}
				return aws.Normalize(ctx, u)
			}},
			while: "normalizing",
		},
		{
			name: "evaluation",
			st: stages{evaluate: func(ctx context.Context, canon []*graph.Canonical, diags graph.Diagnostics) (*engine.Output, error) {
				if hasBad(canon) {
					panic("injected")
				}
				eng, err := engine.New(ctx, engine.Options{Rules: []string{"AWS-SG-002"}})
				if err != nil {
					return nil, err
				}
				return eng.Evaluate(ctx, canon, diags)
			}},
			while: "evaluating",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{"bad.yaml": openSSHTemplate, "good.yaml": openSSHTemplate})
			res, err := scan(context.Background(), Options{Paths: []string{dir}, Root: dir, Rules: []string{"AWS-SG-002"}}, tt.st)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Errors) != 1 {
				t.Fatalf("errors = %v, want one internal error", res.Errors)
			}
			e := res.Errors[0]
			if !isBad(e.Location.File) || !strings.Contains(e.Summary, "internal error while "+tt.while) {
				t.Errorf("error = %v, want an internal error while %s at bad.yaml", e, tt.while)
			}
			if len(res.Findings) != 1 || filepath.Base(res.Findings[0].Location.File) != "good.yaml" {
				t.Errorf("findings = %+v, want good.yaml's one", res.Findings)
			}
			for _, f := range res.Files {
				want := result.FileScanned
				if isBad(f.Path) {
					want = result.FileFailed
				}
				if f.Status != want {
					t.Errorf("file %s is %s, want %s", f.Path, f.Status, want)
				}
			}
		})
	}
}

// TestInternalErrorInInspectFailsOnlyItsUnit is the same for rampart
// inspect, which normalizes without evaluating.
func TestInternalErrorInInspectFailsOnlyItsUnit(t *testing.T) {
	dir := writeFiles(t, map[string]string{"bad.yaml": openSSHTemplate, "good.yaml": openSSHTemplate})
	st := stages{normalize: func(ctx context.Context, u *graph.Unit) ([]*graph.Canonical, graph.Diagnostics) {
		if filepath.Base(u.Path) == "bad.yaml" {
			panic("injected")
		}
		return aws.Normalize(ctx, u)
	}}
	ins, err := inspect(context.Background(), Options{Paths: []string{dir}, Root: dir}, st)
	if err != nil {
		t.Fatal(err)
	}
	if len(ins.Errors) != 1 || filepath.Base(ins.Errors[0].Location.File) != "bad.yaml" || !strings.Contains(ins.Errors[0].Summary, "internal error") {
		t.Fatalf("errors = %v, want one internal error at bad.yaml", ins.Errors)
	}
	if len(ins.Resources) != 2 {
		t.Errorf("%d resources, want both units' native resources", len(ins.Resources))
	}
}
