package terraform

import (
	"path/filepath"
	"slices"
	"testing"
)

// callTree: two roots share a leaf module through a middle one; a third
// root calls nothing; two modules call each other and nothing calls them;
// a root calls a module terraform init downloaded.
var callTree = map[string]string{
	"a/main.tf":      "module \"mid\" {\n  source = \"../mid\"\n}\n",
	"b/main.tf":      "module \"mid\" {\n  source = \"../mid\"\n}\n",
	"mid/main.tf":    "module \"leaf\" {\n  source = \"../leaf\"\n}\n",
	"leaf/main.tf":   "resource \"aws_vpc\" \"v\" {}\n",
	"alone/main.tf":  "resource \"aws_vpc\" \"v\" {}\n",
	"cycle1/main.tf": "module \"two\" {\n  source = \"../cycle2\"\n}\n",
	"cycle2/main.tf": "module \"one\" {\n  source = \"../cycle1\"\n}\n",
	"reg/main.tf":    "module \"vpc\" {\n  source = \"terraform-aws-modules/vpc/aws\"\n}\n",
	"reg/.terraform/modules/modules.json": `{"Modules":[{"Key":"","Source":"","Dir":"."},` +
		`{"Key":"vpc","Source":"registry.terraform.io/terraform-aws-modules/vpc/aws","Dir":".terraform/modules/vpc"}]}`,
	"reg/.terraform/modules/vpc/main.tf":             "module \"sub\" {\n  source = \"./modules/sub\"\n}\n",
	"reg/.terraform/modules/vpc/modules/sub/main.tf": "resource \"aws_vpc\" \"v\" {}\n",
}

func TestModuleGraphRootsReaching(t *testing.T) {
	dir := writeTree(t, callTree)
	all := []string{"a", "alone", "b", "cycle1", "cycle2", "leaf", "mid", "reg"}
	for i, d := range all {
		all[i] = filepath.Join(dir, d)
	}
	cases := []struct {
		targets, want []string
	}{
		{[]string{"leaf"}, []string{"a", "b"}},
		{[]string{"mid", "leaf"}, []string{"a", "b"}},
		{[]string{"a"}, []string{"a"}},
		{[]string{"alone"}, []string{"alone"}},
		// Nothing outside the cycle calls it: the target is its own root.
		{[]string{"cycle2"}, []string{"cycle2"}},
		{[]string{"reg/.terraform/modules/vpc/modules/sub"}, []string{"reg"}},
	}
	for _, c := range cases {
		var targets []string
		for _, tg := range c.targets {
			targets = append(targets, filepath.Join(dir, tg))
		}
		var got []string
		for _, r := range NewModuleGraph(dir).RootsReaching(all, targets) {
			rel, _ := filepath.Rel(dir, r)
			got = append(got, filepath.ToSlash(rel))
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("roots reaching %v = %v, want %v", c.targets, got, c.want)
		}
	}
}

func TestModuleGraphCallSites(t *testing.T) {
	dir := writeTree(t, callTree)
	cases := []struct {
		root  string
		steps []string
		want  []string
	}{
		{"a", []string{"module.mid", "module.leaf"}, []string{"a/main.tf", "mid/main.tf"}},
		{"a", []string{`module.mid["k.x"]`, "module.leaf[0]"}, []string{"a/main.tf", "mid/main.tf"}},
		// Through the module manifest, then a local source inside the
		// downloaded module.
		{"reg", []string{"module.vpc", "module.sub"}, []string{"reg/main.tf", "reg/.terraform/modules/vpc/main.tf"}},
		{"a", []string{"module.nope"}, nil},
	}
	for _, c := range cases {
		var got []string
		for _, f := range NewModuleGraph(dir).CallSites(filepath.Join(dir, c.root), c.steps) {
			rel, _ := filepath.Rel(dir, f)
			got = append(got, filepath.ToSlash(rel))
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("call sites of %s %v = %v, want %v", c.root, c.steps, got, c.want)
		}
	}
}
