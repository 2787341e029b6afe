//go:build tftaggable

// Command tftaggable writes the table of Terraform AWS resource types that
// take tags, which rampart's tagging normalizer embeds
// (analyzer/aws/taggable/terraform.txt). It runs at `go generate` time
// only, over the provider's source fetched through the Go module proxy:
//
//	go mod download -json github.com/hashicorp/terraform-provider-aws@<version>
//	go generate ./analyzer/aws/taggable
//
// The source of truth is the provider's own registration code: every
// service package has a generated service_package_gen.go listing its
// resources (SDKResources, FrameworkResources) by TypeName, and a resource
// that takes tags the provider manages (the `tags` argument, `tags_all`,
// provider `default_tags` merged in) carries a Tags field there, generated
// from the `@Tags` annotation on its constructor. Data sources, ephemeral
// and list resources are not resources a template creates and are left out.
//
// One type takes tags outside that convention: aws_autoscaling_group, whose
// tags are `tag` blocks (key, value, propagate_at_launch) and to which the
// provider does not apply default_tags (its documentation says so); it is
// added by name, with its attribute.
//
// Table format, after '#' header lines naming the source and version, one
// type per line:
//
//	<type> <attribute> [default_tags]
//
// where attribute is the argument holding the tags and default_tags marks
// types the provider merges default_tags into.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

const module = "github.com/hashicorp/terraform-provider-aws"

// outsideConvention are the types whose tags the provider does not manage
// through its tagging framework: the attribute, and no default_tags.
var outsideConvention = map[string]string{
	// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/autoscaling_group
	// ("tag" blocks; default_tags are not applied to the group).
	"aws_autoscaling_group": "tag",
}

func main() {
	version := flag.String("version", "", "provider module version to read (go mod download)")
	dir := flag.String("dir", "", "the provider's source directory (default: downloaded with go mod download)")
	out := flag.String("o", "terraform.txt", "output file")
	flag.Parse()
	if err := run(*dir, *version, *out); err != nil {
		fmt.Fprintln(os.Stderr, "tftaggable:", err)
		os.Exit(1)
	}
}

func run(dir, version, out string) error {
	if dir == "" {
		if version == "" {
			return fmt.Errorf("give -version (a version of %s the module proxy serves) or -dir", module)
		}
		var err error
		if dir, err = download(version); err != nil {
			return err
		}
	}
	types, err := taggableTypes(dir)
	if err != nil {
		return err
	}
	for t, attr := range outsideConvention {
		types[t] = entry{attr: attr}
	}
	return write(out, sourceLine(dir, version), types)
}

// download fetches the provider's source into the module cache and
// returns its directory.
func download(version string) (string, error) {
	cmd := exec.Command("go", "mod", "download", "-json", module+"@"+version)
	b, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go mod download %s@%s: %w", module, version, err)
	}
	var info struct{ Dir, Error string }
	if err := json.Unmarshal(b, &info); err != nil {
		return "", fmt.Errorf("go mod download output: %w", err)
	}
	if info.Error != "" {
		return "", fmt.Errorf("go mod download: %s", info.Error)
	}
	return info.Dir, nil
}

// sourceLine names the source: the module version and the release the
// source's CHANGELOG.md is working towards.
func sourceLine(dir, version string) string {
	if version == "" {
		version = filepath.Base(dir)
	}
	s := fmt.Sprintf("# Source: %s %s", module, strings.TrimPrefix(version, module+"@"))
	if release := changelogRelease(dir); release != "" {
		s += fmt.Sprintf(" (CHANGELOG.md: %s)", release)
	}
	return s
}

func changelogRelease(dir string) string {
	f, err := os.Open(filepath.Join(dir, "CHANGELOG.md"))
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line, ok := strings.CutPrefix(sc.Text(), "## "); ok {
			return strings.TrimSpace(line)
		}
	}
	return ""
}

type entry struct {
	attr        string
	defaultTags bool
}

// taggableTypes reads every service package's registration code.
func taggableTypes(dir string) (map[string]entry, error) {
	files, err := filepath.Glob(filepath.Join(dir, "internal", "service", "*", "service_package_gen.go"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: no internal/service/*/service_package_gen.go", dir)
	}
	types := map[string]entry{}
	for _, f := range files {
		if err := readServicePackage(f, types); err != nil {
			return nil, err
		}
	}
	return types, nil
}

// resourceLists are the methods of a service package that list resources
// (not data sources, ephemeral or list resources).
var resourceLists = map[string]bool{"SDKResources": true, "FrameworkResources": true}

// readServicePackage adds the tagged resources a service_package_gen.go
// registers: each element of a resource list with a Tags field.
func readServicePackage(path string, types map[string]entry) error {
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
	if err != nil {
		return fmt.Errorf("parse %s: %w", path, err)
	}
	for _, d := range f.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || fn.Recv == nil || !resourceLists[fn.Name.Name] {
			continue
		}
		ast.Inspect(fn.Body, func(n ast.Node) bool {
			lit, ok := n.(*ast.CompositeLit)
			if !ok {
				return true
			}
			name, tagged := registration(lit)
			if name == "" {
				return true
			}
			if tagged {
				types[name] = entry{attr: "tags", defaultTags: true}
			}
			return false
		})
	}
	return nil
}

// registration reads one resource's registration literal: its TypeName and
// whether it has a Tags field. It returns "" for any other literal.
func registration(lit *ast.CompositeLit) (name string, tagged bool) {
	for _, e := range lit.Elts {
		kv, ok := e.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		key, ok := kv.Key.(*ast.Ident)
		if !ok {
			continue
		}
		switch key.Name {
		case "TypeName":
			if bl, ok := kv.Value.(*ast.BasicLit); ok && bl.Kind == token.STRING {
				name, _ = strconv.Unquote(bl.Value)
			}
		case "Tags":
			tagged = true
		}
	}
	return name, tagged
}

func write(out, source string, types map[string]entry) error {
	names := make([]string, 0, len(types))
	for t := range types {
		names = append(names, t)
	}
	sort.Strings(names)
	f, err := os.Create(out)
	if err != nil {
		return fmt.Errorf("create table: %w", err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "# Generated by internal/tftaggable. DO NOT EDIT.")
	fmt.Fprintln(w, source)
	fmt.Fprintf(w, "# %d resource types that take tags: <type> <attribute> [default_tags]\n", len(names))
	for _, t := range names {
		e := types[t]
		line := t + " " + e.attr
		if e.defaultTags {
			line += " default_tags"
		}
		fmt.Fprintln(w, line)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("write table: %w", err)
	}
	return f.Close()
}
