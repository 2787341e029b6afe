package terraform

import (
	"path/filepath"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// TestMayDeclareModule: the byte test errs only on the side of yes. Each
// source it answers no for is checked with hcl's parser too: no module
// block there.
func TestMayDeclareModule(t *testing.T) {
	tests := []struct {
		name string
		path string
		src  string
		want bool
	}{
		{"a module block", "main.tf", "module \"vpc\" {\n  source = \"../vpc\"\n}\n", true},
		{"indented, with a tab", "main.tf", "\t module \"vpc\" {\n}\n", true},
		{"an unquoted label", "main.tf", "module vpc {\n}\n", true},
		{"no space before the label", "main.tf", "module\"vpc\" {\n}\n", true},
		{"after a block comment", "main.tf", "/* the network */ module \"vpc\" {\n}\n", true},
		{"after a comment that ends on its line", "main.tf", "/* the\nnetwork */ module \"vpc\" {\n}\n", true},
		{"after a byte order mark", "main.tf", "\ufeffmodule \"vpc\" {\n}\n", true},
		{"after a carriage return ended line", "main.tf", "locals {}\r\nmodule \"vpc\" {\r\n}\r\n", true},
		{"JSON, whatever it says", "main.tf.json", "{\"resource\": {}}", true},
		{"the word in a heredoc, at a line start", "main.tf", "locals {\n  doc = <<EOT\nmodule \"x\" is a word here\nEOT\n}\n", true},
		{"no module word", "main.tf", "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b\"\n}\n", false},
		{"in a description", "variables.tf", "variable \"create\" {\n  description = \"Whether to create the module\"\n}\n", false},
		{"a longer word", "variables.tf", "variable \"x\" {}\nmodule_enabled = true\nmodules = 1\nmodule-name = 2\n", false},
		{"a reference", "outputs.tf", "output \"id\" {\n  value = module.vpc.id\n}\n", false},
		{"in a line comment", "main.tf", "# module \"vpc\" {\n// module \"x\" {}\n", false},
		{"after an attribute on its line", "main.tf", "locals { a = 1 }\nx = \"y\" # module \"vpc\"\n", false},
		{"at the very end", "main.tf", "x = 1\n# a module", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := mayDeclareModule(tt.path, []byte(tt.src)); got != tt.want {
				t.Errorf("mayDeclareModule = %v, want %v", got, tt.want)
			}
			if tt.want || filepath.Ext(tt.path) == ".json" {
				return
			}
			f, diags := hclsyntax.ParseConfig([]byte(tt.src), tt.path, hcl.InitialPos)
			if f == nil {
				t.Fatalf("parse: %v", diags)
			}
			for _, b := range f.Body.(*hclsyntax.Body).Blocks {
				if b.Type == "module" {
					t.Errorf("answered no, but hcl parses a module block at %s", b.DefRange())
				}
			}
		})
	}
}

// FuzzMayDeclareModule: whenever hcl parses a top-level module block,
// the byte test said it might.
func FuzzMayDeclareModule(f *testing.F) {
	for _, s := range []string{
		"module \"a\" {}\n", "/**/module a {}\n", "a = 1\nmodule \"b\" {\n}\n",
		"x = <<EOT\nmodule\nEOT\nmodule \"c\" {}\n", "\ufeffmodule \"d\" {}\n", "# c\nmodule \"e\" {}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		file, _ := hclsyntax.ParseConfig(src, "fuzz.tf", hcl.InitialPos)
		if file == nil {
			return
		}
		body, ok := file.Body.(*hclsyntax.Body)
		if !ok {
			return
		}
		for _, b := range body.Blocks {
			if b.Type == "module" && !mayDeclareModule("fuzz.tf", src) {
				t.Fatalf("hcl parses a module block at %s, the byte test says none", b.DefRange())
			}
		}
	})
}
