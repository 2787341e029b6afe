package terraform

import (
	"context"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestReferenceCycles pins the cycles terraform 1.11.4 plan refuses
// ("Cycle: ...", "Self-referential block"): each is one error, at a
// reference in the cycle, naming it. Evaluation alone does not meet most
// of them (a computed attribute reads nothing of the other resource).
func TestReferenceCycles(t *testing.T) {
	for _, tt := range referenceCycleCases() {
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

type referenceCycleCase struct {
	name  string
	files map[string]string
	diags []string
}

func referenceCycleCases() []referenceCycleCase {
	child := `variable "in" {}
locals { l = var.in }
output "out" { value = local.l }
output "other" { value = 1 }
`
	return []referenceCycleCase{
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
}

// TestCycleCheckAgreesWithGraph: for every Terraform configuration under
// testdata and every case above, the graph of integers finds a cycle
// exactly when the graph of names has one to report.
func TestCycleCheckAgreesWithGraph(t *testing.T) {
	testdata, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var dirs []string
	err = filepath.WalkDir(testdata, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if dir := filepath.Dir(p); !d.IsDir() && strings.HasSuffix(p, ".tf") && !seen[dir] {
			seen[dir] = true
			dirs = append(dirs, dir)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	roots, cycles := cyclesAgree(t, dirs, testdata)
	for _, tt := range referenceCycleCases() {
		dir := writeTree(t, tt.files)
		r, c := cyclesAgree(t, []string{dir}, dir)
		roots, cycles = roots+r, cycles+c
	}
	t.Logf("%d roots, %d cycles", roots, cycles)
	if roots < 300 || cycles < 5 {
		t.Errorf("%d roots, %d with a cycle: want the testdata's hundreds and the cases' cycles", roots, cycles)
	}
}

// cyclesAgree evaluates the roots among dirs and compares the two cycle
// checks on each.
func cyclesAgree(t *testing.T, dirs []string, root string) (roots, cycles int) {
	t.Helper()
	rl := NewRootLoader(dirs, Options{Root: root})
	for _, dir := range rl.Roots() {
		_, mi := evalRoot(context.Background(), rl.l, dir, rl.opts)
		if mi == nil {
			t.Errorf("%s: internal error", dir)
			continue
		}
		want := len(mi.ev.dependencyGraph().components()) > 0
		if got := mi.ev.hasCycle(); got != want {
			t.Errorf("%s: hasCycle() = %v, the graph of names has a cycle: %v", dir, got, want)
		}
		roots++
		if want {
			cycles++
		}
	}
	return roots, cycles
}
