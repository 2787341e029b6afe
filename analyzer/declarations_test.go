package analyzer

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/engine"
	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/result"
)

// TestDeclarationsKeepWhatSuppressionsRead: of a unit's resources, the
// scan keeps the declarations of those with rampart Metadata and, once
// their batch is evaluated, of those with a finding; every declaration
// line stays known. With the account rules on it keeps them all.
func TestDeclarationsKeepWhatSuppressionsRead(t *testing.T) {
	resource := func(id string, line int, meta bool) *graph.Canonical {
		r := &graph.Resource{ID: id, Loc: graph.Location{File: "./t.yaml", StartLine: line}}
		if meta {
			r.Meta = map[string]*graph.Value{"Metadata": graph.Map(r.Loc).Set("rampart", graph.Map(r.Loc))}
		}
		return &graph.Canonical{ID: id, UID: "t.yaml#" + id, Kind: "aws.s3.bucket", Native: r}
	}
	withMeta, withFinding, quiet := resource("A", 3, true), resource("B", 7, false), resource("C", 11, false)
	undeclared := &graph.Canonical{ID: "D", UID: "t.yaml#D"}
	units := []unitResources{{canon: []*graph.Canonical{withMeta, withFinding}}, {canon: []*graph.Canonical{quiet, undeclared}}}
	finding := result.Finding{Resource: result.ResourceRef{ID: "B"}, Instances: []result.Instance{{Root: "t.yaml", Resource: "B"}}}
	evaluatedBatch := []evaluated{{out: &engine.Output{Findings: []result.Finding{finding}}}}

	for _, tc := range []struct {
		name    string
		keepAll bool
		want    []string
	}{
		{"findings and Metadata", false, []string{"t.yaml#A", "t.yaml#B"}},
		{"account rules on", true, []string{"t.yaml#A", "t.yaml#B", "t.yaml#C"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := newDeclarations(tc.keepAll)
			for _, ur := range units {
				d.add(ur.canon)
			}
			d.keepFound(1, units, evaluatedBatch)
			var got []string
			for _, c := range d.resources() {
				got = append(got, c.UID)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("kept %v, want %v", got, tc.want)
			}
			if kept := d.resources()[0]; kept.Native.Meta["Metadata"] == nil {
				t.Error("the declaration with rampart Metadata lost it")
			}
			for _, line := range []int{3, 7, 11} {
				if !d.declaredAt("t.yaml", line) {
					t.Errorf("line %d is not known as a declaration", line)
				}
			}
			for _, at := range []struct {
				file string
				line int
			}{{"t.yaml", 4}, {"u.yaml", 3}} {
				if d.declaredAt(at.file, at.line) {
					t.Errorf("%s:%d is known as a declaration", at.file, at.line)
				}
			}
		})
	}
}

// TestSuppressionsByDeclaration: a comment above a declaration covers the
// resource's findings wherever they are located (here in a separate rule
// resource), CloudFormation Metadata covers its resource, and a comment
// above a resource without a finding is reported unused, with the
// account rules on (every declaration kept) or off (only those read).
func TestSuppressionsByDeclaration(t *testing.T) {
	const terraform = `# rampart:ignore AWS-SG-002 -- bastion behind the VPN
resource "aws_security_group" "admin" {
  description = "admin"
}

resource "aws_security_group_rule" "ssh" {
  type              = "ingress"
  security_group_id = aws_security_group.admin.id
  description       = "SSH"
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
}

# rampart:ignore AWS-SG-002 -- nothing open here
resource "aws_security_group" "quiet" {
  description = "quiet"
}
`
	const template = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Admin:
    Type: AWS::EC2::SecurityGroup
    Metadata:
      rampart:
        ignore:
          - id: AWS-SG-002
            reason: bastion behind the VPN
    Properties:
      GroupDescription: admin access
      SecurityGroupIngress:
        - Description: SSH
          IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: 0.0.0.0/0
`
	dir := writeFiles(t, map[string]string{"tf/main.tf": terraform, "cfn/admin.yaml": template})
	for _, profiles := range [][]string{nil, {"account-baseline"}} {
		t.Run(strings.Join(append([]string{"profiles"}, profiles...), " "), func(t *testing.T) {
			res, err := Scan(context.Background(), Options{Paths: []string{dir}, Profiles: profiles, Workers: 2})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range res.Findings {
				if f.RuleID == "AWS-SG-002" {
					got = append(got, strings.TrimPrefix(f.Location.File, dir)+" suppressed="+map[bool]string{true: "yes", false: "no"}[f.Suppressed])
				}
			}
			slices.Sort(got)
			want := []string{"/cfn/admin.yaml suppressed=yes", "/tf/main.tf suppressed=yes"}
			if !slices.Equal(got, want) {
				t.Errorf("AWS-SG-002 findings %v, want %v", got, want)
			}
			var unused []string
			for _, w := range res.Warnings {
				if strings.Contains(w.Summary, "matched no finding") {
					unused = append(unused, strings.TrimPrefix(w.Location.File, dir))
				}
			}
			if !slices.Equal(unused, []string{"/tf/main.tf"}) {
				t.Errorf("unused suppressions in %v, want the comment above aws_security_group.quiet", unused)
			}
		})
	}
}
