package terraform

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeBenchModule generates a root module calling children local child
// modules, with total resources in all: security groups with a nested and
// a dynamic block each, fed by variables, locals and module inputs.
func writeBenchModule(tb testing.TB, dir string, children, total int) {
	tb.Helper()
	perModule := total / (children + 1)
	var root strings.Builder
	root.WriteString("variable \"cidrs\" {\n  type    = list(string)\n  default = [\"10.0.0.0/8\", \"172.16.0.0/12\"]\n}\n\n")
	root.WriteString("provider \"aws\" {\n  default_tags {\n    tags = { Owner = \"bench\" }\n  }\n}\n\n")
	for i := range children {
		fmt.Fprintf(&root, "module \"m%d\" {\n  source = \"./modules/m%d\"\n  name   = \"m%d\"\n  cidrs  = var.cidrs\n}\n\n", i, i, i)
		var child strings.Builder
		child.WriteString("variable \"name\" {\n  type = string\n}\n\nvariable \"cidrs\" {\n  type = list(string)\n}\n\n")
		child.WriteString("locals {\n  ports = { ssh = 22, https = 443, http = 80 }\n}\n\n")
		writeBenchResources(&child, "var.name", perModule)
		child.WriteString("output \"first\" {\n  value = aws_security_group.sg0.id\n}\n")
		p := filepath.Join(dir, "modules", fmt.Sprintf("m%d", i))
		if err := os.MkdirAll(p, 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(p, "main.tf"), []byte(child.String()), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	root.WriteString("variable \"name\" {\n  default = \"root\"\n}\n\nlocals {\n  ports = { ssh = 22 }\n}\n\n")
	writeBenchResources(&root, "var.name", total-perModule*children)
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(root.String()), 0o644); err != nil {
		tb.Fatal(err)
	}
}

func writeBenchResources(b *strings.Builder, name string, n int) {
	for i := range n {
		fmt.Fprintf(b, `resource "aws_security_group" "sg%d" {
  name        = "${%s}-%d"
  description = format("group %%d of %%s", %d, %s)
  vpc_id      = "vpc-123"
  tags        = merge({ Name = "sg%d" }, { Index = "%d" })

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = var.cidrs
  }

  dynamic "ingress" {
    for_each = local.ports
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = [cidrsubnet("10.0.0.0/8", 8, %d)]
    }
  }
}

`, i, name, i, i, name, i, i, i%256)
	}
}

// BenchmarkLoadModules loads a generated root module with 20 local child
// modules and 2,000 resources. Target: under 1 s and 200 MB per load.
func BenchmarkLoadModules(b *testing.B) {
	dir := b.TempDir()
	writeBenchModule(b, dir, 20, 2000)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		units := LoadModules(context.Background(), []string{dir}, Options{Root: dir})
		if len(units) != 1 || len(units[0].Resources) != 2000 || units[0].Diagnostics.HasErrors() {
			b.Fatalf("units %d, resources %d, diagnostics %v", len(units), len(units[0].Resources), units[0].Diagnostics)
		}
	}
}

// BenchmarkCountedPeers loads 2,000 rules each referring to its own
// security group by count.index: linear work, not one object per pair.
func BenchmarkCountedPeers(b *testing.B) {
	dir := b.TempDir()
	src := `resource "aws_security_group" "sg" {
  count = 2000
  name  = "sg-${count.index}"
}

resource "aws_security_group_rule" "r" {
  count             = 2000
  type              = "ingress"
  security_group_id = aws_security_group.sg[count.index].id
  description       = "rule for ${aws_security_group.sg[count.index].name}"
}
`
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		units := LoadModules(context.Background(), []string{dir}, Options{Root: dir})
		if len(units[0].Resources) != 4000 || len(units[0].Edges) != 4000 {
			b.Fatalf("resources %d, edges %d", len(units[0].Resources), len(units[0].Edges))
		}
	}
}

// BenchmarkForEachSet expands a for_each over a set of 10,000 names (the
// per-resource budget). Matching each element to its source position once
// searched the whole set per element: about 1 s on the 2-core development
// machine (two fuzzers running beside it) where the quadratic one took
// over a minute.
func BenchmarkForEachSet(b *testing.B) {
	const n = 10000
	src := forEachSetSource(n)
	dir := b.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		units := LoadModules(context.Background(), []string{dir}, Options{Root: dir})
		if len(units[0].Resources) != n {
			b.Fatalf("resources %d, want %d", len(units[0].Resources), n)
		}
	}
}

// BenchmarkForEachSetOverBudget is a for_each over a set of 20,000 names,
// twice the per-resource budget: the error must come before the set is
// walked with positions, marks and identities (each walk sorting it).
func BenchmarkForEachSetOverBudget(b *testing.B) {
	const n = 2 * MaxBlockInstances
	dir := b.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(forEachSetSource(n)), 0o644); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		units := LoadModules(context.Background(), []string{dir}, Options{Root: dir})
		if len(units[0].Resources) != 1 || !units[0].Diagnostics.HasErrors() {
			b.Fatalf("resources %d, diagnostics %v", len(units[0].Resources), units[0].Diagnostics)
		}
	}
}
