package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer"
	"github.com/rampart-iac/rampart/analyzer/graph"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden files in testdata/inspect")

// inspectDoc mirrors docs/inspect.md; unknown fields are rejected so that
// the document and the output cannot drift apart silently.
type inspectDoc struct {
	Version   int `json:"version"`
	Resources []struct {
		UID        string          `json:"uid"`
		ID         string          `json:"id"`
		Type       string          `json:"type"`
		Kind       *string         `json:"kind"`
		Source     string          `json:"source"`
		File       string          `json:"file"`
		Location   jsonLoc         `json:"location"`
		Native     map[string]any  `json:"native"`
		Properties json.RawMessage `json:"properties"`
		Refs       []struct {
			Path      []any  `json:"path"`
			Resource  string `json:"resource"`
			Attribute string `json:"attribute"`
		} `json:"refs"`
		Unknowns []struct {
			Path   []any  `json:"path"`
			Reason string `json:"reason"`
		} `json:"unknowns"`
	} `json:"resources"`
	Errors []jsonDiag `json:"errors"`
	Files  []struct {
		Path   string `json:"path"`
		Status string `json:"status"`
		Type   string `json:"type"`
		Reason string `json:"reason"`
	} `json:"files"`
}

func parseInspect(t *testing.T, data string) inspectDoc {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(data))
	dec.DisallowUnknownFields()
	var doc inspectDoc
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("inspect output does not match docs/inspect.md: %v\n%s", err, data)
	}
	return doc
}

// TestE2EInspectGolden runs `rampart inspect` on a small CloudFormation and
// Terraform project in both formats. Run with -update to rewrite the files.
func TestE2EInspectGolden(t *testing.T) {
	dir := filepath.Join("testdata", "inspect")
	for _, format := range []string{"json", "dot"} {
		t.Run(format, func(t *testing.T) {
			r := rampart(t, dir, nil, "inspect", "project", "--format", format)
			r.wantCode(t, 0)
			golden := filepath.Join(dir, "project."+format+".golden")
			if *updateGolden {
				if err := os.WriteFile(golden, []byte(r.stdout), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if r.stdout != string(want) {
				t.Errorf("output differs from %s (run go test -run TestE2EInspectGolden -update):\n%s", golden, r.stdout)
			}
			if format == "json" {
				parseInspect(t, r.stdout)
			} else {
				checkDOT(t, r.stdout)
			}
		})
	}
}

// checkDOT has Graphviz parse the graph, when it is installed.
func checkDOT(t *testing.T, src string) {
	t.Helper()
	dot, err := exec.LookPath("dot")
	if err != nil {
		t.Skip("Graphviz dot is not installed")
	}
	cmd := exec.Command(dot, "-Tcanon")
	cmd.Stdin = strings.NewReader(src)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil || stderr.Len() > 0 {
		t.Errorf("dot rejects the graph: %v\n%s", err, stderr.String())
	}
}

func TestE2EInspect(t *testing.T) {
	dir := fixture(t, map[string]string{
		"ok/stack.yaml":   "Resources:\n  Logs:\n    Type: AWS::Logs::LogGroup\n",
		"ok/main.tf":      "resource \"aws_cloudwatch_log_group\" \"b\" {\n  name = var.name\n}\n\nvariable \"name\" {\n  type = string\n}\n",
		"broken/bad.yaml": "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Web:\n    Type: [\n",
	})
	t.Run("every native resource, unknowns with reasons", func(t *testing.T) {
		r := rampart(t, dir, nil, "inspect", "ok")
		r.wantCode(t, 0)
		doc := parseInspect(t, r.stdout)
		if doc.Version != 1 || len(doc.Resources) != 2 || len(doc.Errors) != 0 || len(doc.Files) != 2 {
			t.Fatalf("document = %+v", doc)
		}
		for _, res := range doc.Resources {
			if res.Kind != nil || string(res.Properties) != "null" {
				t.Errorf("%s: kind %v, properties %s; want null for a resource no canonical kind covers", res.ID, res.Kind, res.Properties)
			}
		}
		b := doc.Resources[0]
		if b.ID != "aws_cloudwatch_log_group.b" || b.Native["name"] != nil || len(b.Unknowns) != 1 ||
			b.Unknowns[0].Reason != "variable name has no value" {
			t.Errorf("aws_cloudwatch_log_group.b = %+v; want its name null with the reason", b)
		}
	})
	t.Run("--var", func(t *testing.T) {
		r := rampart(t, dir, nil, "inspect", "ok", "--var", "name=logs")
		r.wantCode(t, 0)
		if doc := parseInspect(t, r.stdout); doc.Resources[0].Native["name"] != "logs" {
			t.Errorf("name = %v, want logs", doc.Resources[0].Native["name"])
		}
	})
	t.Run("failed file exits 2", func(t *testing.T) {
		r := rampart(t, dir, nil, "inspect", "broken")
		r.wantCode(t, 2)
		doc := parseInspect(t, r.stdout)
		if len(doc.Errors) == 0 || doc.Files[0].Status != "failed" || !strings.Contains(r.stderr, "bad.yaml") {
			t.Errorf("errors %+v, files %+v, stderr %q", doc.Errors, doc.Files, r.stderr)
		}
	})
	t.Run("--output", func(t *testing.T) {
		out := filepath.Join(dir, "inspect.dot")
		r := rampart(t, dir, []string{"RAMPART_FORMAT=json", "RAMPART_OUTPUT=scan.json"}, "inspect", "ok", "--format", "dot", "-o", out)
		r.wantCode(t, 0)
		b, err := os.ReadFile(out)
		if err != nil || !strings.HasPrefix(string(b), "digraph rampart {") || r.stdout != "" {
			t.Errorf("output file %q (%v), stdout %q", b, err, r.stdout)
		}
		if _, err := os.Stat(filepath.Join(dir, "scan.json")); err == nil {
			t.Errorf("RAMPART_OUTPUT, meant for scan reports, was written by inspect")
		}
	})
	t.Run("--output naming an inspected file is refused", func(t *testing.T) {
		stack := filepath.Join(dir, "ok", "stack.yaml")
		before, _ := os.ReadFile(stack)
		r := rampart(t, dir, nil, "inspect", "ok", "-o", stack)
		r.wantCode(t, 2)
		if after, _ := os.ReadFile(stack); string(after) != string(before) || !strings.Contains(r.stderr, "never replaces an input") {
			t.Errorf("stack.yaml now %q, stderr %q", after, r.stderr)
		}
	})
	t.Run("secrets are masked in every inspect format", func(t *testing.T) {
		const key, sensitive = "AKIAIOSFODNN7REALKEY", "hunter2-but-longer-than-16"
		secretDir := fixture(t, map[string]string{
			"s/main.tf": "resource \"aws_db_instance\" \"db\" {\n  password = var.pw\n  username = \"" + key + "\"\n}\n\n" +
				"variable \"pw\" {\n  type      = string\n  sensitive = true\n  default   = \"" + sensitive + "\"\n}\n",
		})
		for _, format := range []string{"json", "dot"} {
			r := rampart(t, secretDir, nil, "inspect", "s", "--format", format)
			r.wantCode(t, 0)
			if strings.Contains(r.stdout, key) || strings.Contains(r.stdout, sensitive) {
				t.Errorf("%s inspection shows a secret:\n%s", format, r.stdout)
			}
		}
	})
	t.Run("unknown format", func(t *testing.T) {
		r := rampart(t, dir, nil, "inspect", "ok", "--format", "sarif")
		r.wantCode(t, 2)
		if !strings.Contains(r.stderr, "unknown inspect format") {
			t.Errorf("stderr = %q", r.stderr)
		}
	})
}

func TestDOTQuote(t *testing.T) {
	tests := []struct{ in, want string }{
		{`aws_s3_bucket.logs["a"]`, `"aws_s3_bucket.logs[\"a\"]"`},
		{`a\b`, `"a\\b"`},
		{"id\ntype", `"id\ntype"`},
		{"cr\r\nlf", `"cr\nlf"`},
	}
	for _, tc := range tests {
		if got := dotQuote(tc.in); got != tc.want {
			t.Errorf("dotQuote(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

// TestDOTLayoutAcrossFileClusters has Graphviz lay out two units whose
// references cross between the file clusters of a root module and the
// child module it calls (terraform-aws-s3-bucket's examples): plain dot
// ranking gives up on it ("trouble in init_rank").
func TestDOTLayoutAcrossFileClusters(t *testing.T) {
	res := func(id, file string) *graph.Resource {
		return &graph.Resource{ID: id, Type: "t", Loc: graph.Location{File: file, StartLine: 1}}
	}
	edge := func(from, to string, kind graph.EdgeKind, attr string) graph.Edge {
		return graph.Edge{From: from, To: to, Kind: kind, Attr: attr}
	}
	inventory := &graph.Unit{Source: graph.SourceTerraform, Path: "examples/s3-inventory",
		Resources: []*graph.Resource{
			res("random_pet.this", "examples/s3-inventory/main.tf"),
			res("module.d.data.aws_caller_identity.current", "main.tf"),
			res("module.d.aws_s3_bucket_policy.this[0]", "main.tf"),
			res("module.d.aws_s3_bucket_public_access_block.this[0]", "main.tf"),
			res("module.d.data.aws_iam_policy_document.p[0]", "main.tf"),
		},
		Edges: []graph.Edge{
			edge("module.d.aws_s3_bucket_policy.this[0]", "module.d.data.aws_caller_identity.current", graph.EdgeRef, "account_id"),
			edge("module.d.aws_s3_bucket_policy.this[0]", "module.d.aws_s3_bucket_public_access_block.this[0]", graph.EdgeDependsOn, ""),
			edge("module.d.data.aws_iam_policy_document.p[0]", "module.d.data.aws_caller_identity.current", graph.EdgeRef, "id"),
		},
	}
	tables := &graph.Unit{Source: graph.SourceTerraform, Path: "examples/table-bucket",
		Resources: []*graph.Resource{
			res("random_pet.this", "examples/table-bucket/main.tf"),
			res("aws_s3tables_namespace.namespace", "examples/table-bucket/main.tf"),
			res("module.t.aws_s3tables_table_bucket.this[0]", "modules/table-bucket/main.tf"),
			res(`module.t.aws_s3tables_table.this["table1"]`, "modules/table-bucket/main.tf"),
		},
		Edges: []graph.Edge{
			edge("aws_s3tables_namespace.namespace", "module.t.aws_s3tables_table_bucket.this[0]", graph.EdgeRef, "arn"),
			edge("module.t.aws_s3tables_table_bucket.this[0]", "random_pet.this", graph.EdgeRef, "id"),
			edge(`module.t.aws_s3tables_table.this["table1"]`, "module.t.aws_s3tables_table_bucket.this[0]", graph.EdgeRef, "arn"),
			edge(`module.t.aws_s3tables_table.this["table1"]`, "random_pet.this", graph.EdgeRef, "id"),
		},
	}
	var buf bytes.Buffer
	if err := writeDOT(&buf, &analyzer.Inspection{Units: []*graph.Unit{inventory, tables}}); err != nil {
		t.Fatal(err)
	}
	checkDOT(t, buf.String())
}

// TestDOTEdgeOrder: the Terraform front-end records edges in an order that
// varies between runs; the graph must not.
func TestDOTEdgeOrder(t *testing.T) {
	unit := func(edges ...graph.Edge) *graph.Unit {
		return &graph.Unit{Source: graph.SourceTerraform, Path: "tf",
			Resources: []*graph.Resource{
				{ID: "local_file.join", Type: "local_file", Loc: graph.Location{File: "tf/main.tf", StartLine: 1}},
				{ID: "aws_ssm_activation.this", Type: "aws_ssm_activation", Loc: graph.Location{File: "tf/main.tf", StartLine: 5}},
				{ID: `aws_instance.node["one"]`, Type: "aws_instance", Loc: graph.Location{File: "tf/main.tf", StartLine: 9}},
			},
			Edges: edges,
		}
	}
	a := graph.Edge{From: "local_file.join", To: "aws_ssm_activation.this", Kind: graph.EdgeRef, Attr: "id"}
	b := graph.Edge{From: "local_file.join", To: "aws_instance.node", Kind: graph.EdgeRef, Attr: "public_ip"}
	c := graph.Edge{From: "local_file.join", To: "aws_ssm_activation.this", Kind: graph.EdgeDependsOn}
	var outs []string
	for _, u := range []*graph.Unit{unit(a, b, c), unit(c, b, a), unit(b, a, c, a)} {
		var buf bytes.Buffer
		if err := writeDOT(&buf, &analyzer.Inspection{Units: []*graph.Unit{u}}); err != nil {
			t.Fatal(err)
		}
		outs = append(outs, buf.String())
	}
	if outs[0] != outs[1] || outs[0] != outs[2] {
		t.Errorf("the graph depends on the order of the unit's edges:\n%s\n%s\n%s", outs[0], outs[1], outs[2])
	}
	if n := strings.Count(outs[0], "->"); n != 3 {
		t.Errorf("%d edges drawn, want 3 (a repeated reference once, the keyless one to its only instance):\n%s", n, outs[0])
	}
}
