package main

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// sgTerraform opens SSH (port 22, line 9) and RDP (3389, line 16) to the
// internet (AWS-SG-002) in two ingress blocks. {before} and {ssh} are lines
// put before the resource and before the first block's cidr_blocks, {rdp}
// a comment after the second's.
const sgTerraform = `{before}resource "aws_security_group" "admin" {
  name        = "admin"
  description = "admin access"
  ingress {
    description = "SSH"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
{ssh}    cidr_blocks = ["0.0.0.0/0"]
  }
  ingress {
    description = "RDP"
    from_port   = 3389
    to_port     = 3389
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"] {rdp}
  }
}
`

// sgTF fills sgTerraform; a non-empty before or ssh is one line.
func sgTF(before, ssh, rdp string) string {
	line := func(s string) string {
		if s == "" {
			return ""
		}
		return s + "\n"
	}
	return strings.NewReplacer("{before}", line(before), "{ssh}", line(ssh), "{rdp}", rdp).Replace(sgTerraform)
}

// adminCFN opens SSH to the internet (AWS-SG-002); {meta} and {comment}
// are replaced.
const adminCFN = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  AdminSecurityGroup:
    Type: AWS::EC2::SecurityGroup
{meta}    Properties:
      GroupDescription: admin access
      SecurityGroupIngress:
        - Description: SSH
          IpProtocol: tcp
          FromPort: 22
          ToPort: 22
{comment}          CidrIp: 0.0.0.0/0
`

const adminCFNJSON = `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "AdminSecurityGroup": {
      "Type": "AWS::EC2::SecurityGroup",
      "Metadata": {"rampart": {"ignore": [{"id": "AWS-SG-002", "reason": "bastion behind the VPN"}]}},
      "Properties": {
        "GroupDescription": "admin access",
        "SecurityGroupIngress": [{"Description": "SSH", "IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0"}]
      }
    }
  }
}
`

func cfn(meta, comment string) string {
	return strings.NewReplacer("{meta}", meta, "{comment}", comment).Replace(adminCFN)
}

// sg002 returns the AWS-SG-002 findings of a report: "file:line suppressed-by"
// for each, "-" when not suppressed.
func sg002(rep jsonReport) []string {
	var out []string
	for _, f := range rep.Findings {
		if f.RuleID != "AWS-SG-002" {
			continue
		}
		by := "-"
		if f.Suppressed {
			by = f.Suppression.Source + ":" + f.Suppression.Reason
		}
		out = append(out, f.Location.File+":"+strconv.Itoa(f.Location.StartLine)+" "+by)
	}
	return out
}

func TestE2ESuppressions(t *testing.T) {
	tests := []struct {
		name     string
		files    map[string]string
		want     []string // sg002 of the report
		code     int
		warnings []string // substrings of the report's warnings, in order
		stderr   string
	}{
		{
			name:  "terraform # above the resource",
			files: map[string]string{"main.tf": sgTF("# rampart:ignore AWS-SG-002 -- bastion behind the VPN", "", "")},
			want:  []string{"main.tf:10 inline:bastion behind the VPN", "main.tf:17 inline:bastion behind the VPN"},
		},
		{
			name:  "terraform // trailing an attribute, by rule name",
			files: map[string]string{"main.tf": sgTF("", "", "// rampart:ignore sg-no-public-admin-ports -- RDP gateway")},
			want:  []string{"main.tf:9 -", "main.tf:16 inline:RDP gateway"},
			code:  1,
		},
		{
			name:  "terraform # above an attribute",
			files: map[string]string{"main.tf": sgTF("", "    # rampart:ignore AWS-SG-002 -- SSH jump host", "")},
			want:  []string{"main.tf:10 inline:SSH jump host", "main.tf:17 -"},
			code:  1,
		},
		{
			name:  "cloudformation YAML comment",
			files: map[string]string{"stack.yaml": cfn("", "          # rampart:ignore AWS-SG-002 -- bastion behind the VPN\n")},
			want:  []string{"stack.yaml:13 inline:bastion behind the VPN"},
		},
		{
			name: "cloudformation YAML Metadata",
			files: map[string]string{"stack.yaml": cfn(
				"    Metadata:\n      rampart:\n        ignore:\n          - id: AWS-SG-002\n            reason: bastion behind the VPN\n            until: 2999-12-31\n", "")},
			want: []string{"stack.yaml:18 metadata:bastion behind the VPN"},
		},
		{
			name:  "cloudformation JSON Metadata",
			files: map[string]string{"stack.json": adminCFNJSON},
			want:  []string{"stack.json:9 metadata:bastion behind the VPN"},
		},
		{
			name: "config ignore entry",
			files: map[string]string{
				"infra/stack.yaml": cfn("", ""),
				".rampart.yaml":    "ignore:\n  - id: AWS-SG-002\n    path: \"infra/**\"\n    resource: AdminSecurityGroup\n    reason: bastion behind the VPN\n",
			},
			want: []string{"infra/stack.yaml:12 config:bastion behind the VPN"},
		},
		{
			name:     "expired",
			files:    map[string]string{"stack.yaml": cfn("", "          # rampart:ignore AWS-SG-002 until=2020-01-31 -- until the VPN is up\n")},
			want:     []string{"stack.yaml:13 -"},
			code:     1,
			warnings: []string{"stack.yaml:12: suppression comment of AWS-SG-002 expired on 2020-01-31 and no longer suppresses"},
		},
		{
			name:     "without a reason",
			files:    map[string]string{"stack.yaml": cfn("", "          # rampart:ignore AWS-SG-002\n")},
			want:     []string{"stack.yaml:13 -"},
			code:     1,
			warnings: []string{"stack.yaml:12: suppression comment of AWS-SG-002 has no reason and does not suppress"},
		},
		{
			name: "reason not required",
			files: map[string]string{"stack.yaml": cfn("", "          # rampart:ignore AWS-SG-002\n"),
				".rampart.yaml": "require_suppression_reason: false\n"},
			want: []string{"stack.yaml:13 inline:"},
		},
		{
			name:     "matched nothing",
			files:    map[string]string{"main.tf": sgTF("# rampart:ignore AWS-SG-002,AWS-SG-003 -- bastion", "", "")},
			want:     []string{"main.tf:10 inline:bastion", "main.tf:17 inline:bastion"},
			warnings: []string{"main.tf:1: suppression comment of AWS-SG-003 matched no finding"},
		},
		{
			name:   "unknown rule",
			files:  map[string]string{"stack.yaml": cfn("", "          # rampart:ignore AWS-SG-02 -- typo\n")},
			want:   []string{"stack.yaml:13 -"},
			code:   2,
			stderr: `rampart: error: stack.yaml:12:11: suppression comment names rule "AWS-SG-02", which does not exist; did you mean AWS-SG-002?`,
		},
		{
			name: "unknown rule in the configuration",
			files: map[string]string{"stack.yaml": cfn("", ""),
				".rampart.yaml": "ignore:\n  - id: sg-no-public-admin-port\n    reason: typo\n"},
			want:   []string{"stack.yaml:12 -"},
			code:   2,
			stderr: `rampart: error: .rampart.yaml:2:5: ignore entry names rule "sg-no-public-admin-port", which does not exist; did you mean AWS-SG-002?`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := fixture(t, tt.files)
			r := rampart(t, dir, nil, "scan", "--format", "json", "--rule", "AWS-SG-002,AWS-SG-003")
			r.wantCode(t, tt.code)
			rep := parseReport(t, r.stdout)
			if got := sg002(rep); strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("AWS-SG-002 findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if len(rep.Warnings) != len(tt.warnings) {
				t.Fatalf("warnings = %+v, want %d", rep.Warnings, len(tt.warnings))
			}
			for i, w := range rep.Warnings {
				if got := w.Location.File + ":" + strconv.Itoa(w.Location.StartLine) + ": " + w.Summary; !strings.HasPrefix(got, tt.warnings[i]) {
					t.Errorf("warning %d = %q, want %q", i, got, tt.warnings[i])
				}
			}
			if !strings.Contains(r.stderr, tt.stderr) {
				t.Errorf("stderr = %q, want %q", r.stderr, tt.stderr)
			}
		})
	}
}

func TestE2ESuppressedFindingsInText(t *testing.T) {
	dir := fixture(t, map[string]string{"stack.yaml": cfn("", "          # rampart:ignore AWS-SG-002 -- bastion behind the VPN\n")})
	r := rampart(t, dir, nil, "scan", "--rule", "AWS-SG-002")
	r.wantCode(t, 0)
	for _, want := range []string{"[suppressed]", "bastion behind the VPN", "1 suppressed"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("text report lacks %q:\n%s", want, r.stdout)
		}
	}
}

func TestE2EBaseline(t *testing.T) {
	dir := fixture(t, map[string]string{"main.tf": sgTF("", "", "")})
	baseline := filepath.Join(dir, "baseline.json")

	// Writing the baseline records both findings and passes.
	r := rampart(t, dir, nil, "scan", "--rule", "AWS-SG-002", "--write-baseline", "baseline.json")
	r.wantCode(t, 0)
	if !strings.Contains(r.stderr, "wrote 2 known finding(s) to the baseline baseline.json") {
		t.Errorf("stderr = %q", r.stderr)
	}
	data, err := os.ReadFile(baseline)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"version": 1`, `"rule_id":"AWS-SG-002","file":"main.tf","resource":"aws_security_group.admin","attribute":"ingress[0].cidrs[0]"`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("baseline lacks %s:\n%s", want, data)
		}
	}

	// Lines move: the findings stay known.
	moved := "# a comment\n\nlocals {\n  x = 1\n}\n" + sgTF("", "", "")
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(moved), 0o644); err != nil {
		t.Fatal(err)
	}
	r = rampart(t, dir, nil, "scan", "--rule", "AWS-SG-002", "--baseline", "baseline.json", "--format", "json")
	r.wantCode(t, 0)
	if got := sg002(parseReport(t, r.stdout)); len(got) != 2 || !strings.HasSuffix(got[0], "baseline:known finding, listed in the baseline baseline.json") {
		t.Errorf("findings after moving lines = %q", got)
	}

	// A new finding is reported; RAMPART_BASELINE works as the flag.
	withNew := moved + strings.Replace(sgTF("", "", ""), `"admin"`, `"admin2"`, 2)
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(withNew), 0o644); err != nil {
		t.Fatal(err)
	}
	r = rampart(t, dir, []string{"RAMPART_BASELINE=baseline.json"}, "scan", "--rule", "AWS-SG-002", "--format", "json")
	r.wantCode(t, 1)
	var unsuppressed []string
	for _, f := range parseReport(t, r.stdout).Findings {
		if !f.Suppressed {
			unsuppressed = append(unsuppressed, f.Resource.ID)
		}
	}
	if strings.Join(unsuppressed, ",") != "aws_security_group.admin2,aws_security_group.admin2" {
		t.Errorf("new findings = %q, want the two of aws_security_group.admin2", unsuppressed)
	}

	// A malformed baseline stops the run, naming the file and line.
	if err := os.WriteFile(baseline, []byte("{\n  \"version\": 1,\n  \"findings\": [\n    {\"rule_id\": \"AWS-SG-002\"}\n  ]\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = rampart(t, dir, nil, "scan", "--baseline", "baseline.json")
	r.wantCode(t, 2)
	if want := "rampart: baseline baseline.json:4: finding has no file (baseline from --baseline)"; !strings.Contains(r.stderr, want) {
		t.Errorf("stderr = %q, want %q", r.stderr, want)
	}
}

// sharedModule is a root calling one module twice; the module opens SSH to
// the internet (AWS-SG-002) at modules/sg/main.tf:9.
func sharedModule(moduleComment string) map[string]string {
	return map[string]string{
		"main.tf":            "module \"a\" {\n  source = \"./modules/sg\"\n  name   = \"a\"\n}\n\nmodule \"b\" {\n  source = \"./modules/sg\"\n  name   = \"b\"\n}\n",
		"modules/sg/main.tf": "variable \"name\" {}\n\n" + moduleComment + "resource \"aws_security_group\" \"this\" {\n  name = var.name\n  ingress {\n    from_port   = 22\n    to_port     = 22\n    protocol    = \"tcp\"\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n}\n",
	}
}

func TestE2ESuppressionsInASharedModule(t *testing.T) {
	// A comment in the module covers the finding of every instance.
	dir := fixture(t, sharedModule("# rampart:ignore AWS-SG-002 -- every caller is behind the VPN\n"))
	r := rampart(t, dir, nil, "scan", "--format", "json", "--rule", "AWS-SG-002")
	r.wantCode(t, 0)
	rep := parseReport(t, r.stdout)
	if len(rep.Findings) != 1 || !rep.Findings[0].Suppressed || len(rep.Findings[0].Instances) != 2 {
		t.Fatalf("findings = %+v, want one suppressed finding with two instances", rep.Findings)
	}

	// A configuration entry naming one instance covers that instance only:
	// the other stays a finding at the same line.
	files := sharedModule("")
	files[".rampart.yaml"] = "ignore:\n  - id: AWS-SG-002\n    resource: module.a.aws_security_group.this\n    reason: module a is internal\n"
	dir = fixture(t, files)
	r = rampart(t, dir, nil, "scan", "--format", "json", "--rule", "AWS-SG-002")
	r.wantCode(t, 1)
	var got []string
	for _, f := range parseReport(t, r.stdout).Findings {
		got = append(got, f.Location.File+":"+strconv.Itoa(f.Location.StartLine)+" "+f.Instances[0].Module+" suppressed="+strconv.FormatBool(f.Suppressed))
	}
	slices.Sort(got)
	want := []string{"modules/sg/main.tf:9 module.a suppressed=true", "modules/sg/main.tf:9 module.b suppressed=false"}
	if !slices.Equal(got, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestE2EIgnorePathIsRelativeToTheConfigFile(t *testing.T) {
	dir := fixture(t, map[string]string{
		"infra/stack.yaml": cfn("", ""),
		".rampart.yaml":    "ignore:\n  - id: AWS-SG-002\n    path: \"infra/**\"\n    reason: bastion behind the VPN\n",
	})
	// From the subdirectory the report names the template stack.yaml; the
	// entry's glob is still read from the configuration's directory.
	r := rampart(t, filepath.Join(dir, "infra"), nil, "scan", "--format", "json", "--rule", "AWS-SG-002")
	r.wantCode(t, 0)
	if got := sg002(parseReport(t, r.stdout)); len(got) != 1 || got[0] != "stack.yaml:12 config:bastion behind the VPN" {
		t.Errorf("findings = %q", got)
	}
}
