package terraform

import (
	"slices"
	"strings"
	"testing"
)

// TestReferenceCycles pins the cycles terraform 1.11.4 plan refuses
// ("Cycle: ...", "Self-referential block"): each is one error, at a
// reference in the cycle, naming it. Evaluation alone does not meet most
// of them (a computed attribute reads nothing of the other resource).
func TestReferenceCycles(t *testing.T) {
	child := `variable "in" {}
locals { l = var.in }
output "out" { value = local.l }
output "other" { value = 1 }
`
	tests := []struct {
		name  string
		files map[string]string
		diags []string
	}{
		{
			name: "resources through computed attributes",
			files: map[string]string{"main.tf": `resource "terraform_data" "a" { input = terraform_data.b.output }
resource "terraform_data" "b" { input = terraform_data.a.id }
`},
			diags: []string{"error main.tf:1 Cycle in references: terraform_data.a -> terraform_data.b -> terraform_data.a"},
		},
		{
			// terraform reports it twice (validate and plan); once here.
			name: "self reference",
			files: map[string]string{"main.tf": `resource "terraform_data" "a" {
  input            = "x"
  triggers_replace = [terraform_data.a.id]
}
`},
			diags: []string{"error main.tf:3 Self-referential block: the configuration of terraform_data.a may not refer to itself"},
		},
		{
			name: "resource and local",
			files: map[string]string{"main.tf": `resource "terraform_data" "a" { input = local.x }
locals { x = terraform_data.a.output }
`},
			diags: []string{"error main.tf:2 Cycle in references: local.x -> terraform_data.a -> local.x"},
		},
		{
			name: "count of a resource",
			files: map[string]string{"main.tf": `resource "terraform_data" "a" {
  count = length(terraform_data.b)
  input = 1
}
resource "terraform_data" "b" {
  count = 2
  input = terraform_data.a[0].id
}
`},
			diags: []string{"error main.tf:2 Cycle in references: terraform_data.a -> terraform_data.b -> terraform_data.a"},
		},
		{
			name: "through a module's variable and output",
			files: map[string]string{
				"main.tf": `resource "terraform_data" "a" { input = module.m.out }
module "m" {
  source = "./m"
  in     = terraform_data.a.id
}
`,
				"m/main.tf": child,
			},
			diags: []string{"error m/main.tf:2 Cycle in references: module.m.local.l -> module.m.var.in -> terraform_data.a -> module.m.output.out -> module.m.local.l"},
		},
		{
			// Everything in a module waits for its call's depends_on.
			name: "module depends_on",
			files: map[string]string{
				"main.tf": `resource "terraform_data" "a" { input = module.m.other }
module "m" {
  source     = "./m"
  in         = 1
  depends_on = [terraform_data.a]
}
`,
				"m/main.tf": child,
			},
			diags: []string{"error main.tf:5 Cycle in references: module.m -> terraform_data.a -> module.m.output.other -> module.m"},
		},
		{
			// An output that does not read the variable: no cycle.
			name: "module output independent of the argument",
			files: map[string]string{
				"main.tf": `resource "terraform_data" "a" { input = module.m.other }
module "m" {
  source = "./m"
  in     = terraform_data.a.id
}
`,
				"m/main.tf": child,
			},
		},
		{
			// A dynamic block's iterator and each.key refer to no
			// object: no cycle.
			name: "dynamic block iterator and each",
			files: map[string]string{"main.tf": `resource "aws_security_group" "g" {
  for_each = toset(["a", "b"])
  name     = each.key
  dynamic "ingress" {
    for_each = [1]
    content {
      from_port = ingress.value
    }
  }
}
resource "aws_security_group_rule" "r" {
  security_group_id = aws_security_group.g["a"].id
}
`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, dir := loadTree(t, tt.files, Options{})
			got := diagDetails(u, dir)
			// The module context of a child's diagnostic is not pinned here.
			for i, d := range got {
				got[i], _, _ = strings.Cut(d, " (in module")
			}
			if !slices.Equal(got, tt.diags) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.diags, "\n"))
			}
		})
	}
}
