package engine

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/version"
)

// Parsing every embedded policy is most of what a one-file scan pays
// before it reads the file (BenchmarkNew), yet a scan compiles only the
// rules whose kinds it has. So the engine does not parse a built-in rule
// module to learn its METADATA: builtin_index.go holds, for every
// embedded rule module, its package, the line of its deny rule and its
// METADATA block, generated from the policies themselves
// (go test ./analyzer/engine -run TestBuiltinIndex -update) as Go values,
// which cost nothing to read (decoding the same index as JSON took a
// one-file scan 4 ms of the engine's start). The engine
// reads each rule's metadata from a stub module built from that entry,
// with the same code as from a parsed one (ruleFromModule), and parses the
// module when a scan first compiles the rule.
//
// The index is used only when its digest matches the embedded policies
// (their names and text, and the OPA version that parses them): after any
// change to a policy it is ignored and every module is parsed, which is
// slower and otherwise the same. TestBuiltinIndexUpToDate keeps it fresh.

// policyIndex is the generated index of the embedded rule modules.
type policyIndex struct {
	// Digest identifies the policy sources the index was generated from
	// (sourceDigest).
	Digest string
	Rules  []indexedRule
	// Libraries are the modules that define no rule, but for the one
	// declaring the rule parameters (configPackage), which a scan reads
	// whenever the engine is built.
	Libraries []indexedLibrary
}

// indexedLibrary is a library module: what its package is tells which
// rules read it (catalog.modulesFor).
type indexedLibrary struct {
	File       string
	Package    string
	PackageRow int
}

// indexedRule is what reading a rule module's metadata needs of it.
type indexedRule struct {
	File       string
	Package    string
	PackageRow int
	DenyRow    int
	// OnDeny is set when the METADATA block annotates the deny rule
	// rather than the package.
	OnDeny   bool
	Metadata indexedMetadata
}

// indexedMetadata is a rule's METADATA block.
type indexedMetadata struct {
	Scope       string
	Title       string
	Description string
	Row         int
	// Custom holds the values JSON would decode the block's custom
	// section to (float64 numbers, []any, map[string]any), as the
	// index did when it was JSON.
	Custom map[string]any
}

// sourceDigest identifies a set of policy sources, and the parser that
// reads them: an index made from other sources, or by another OPA, does
// not describe these.
func sourceDigest(srcs []source) string {
	h := sha256.New()
	fmt.Fprintf(h, "opa %s\x00", version.Version)
	for _, s := range srcs {
		fmt.Fprintf(h, "%s\x00%d\x00%s\x00", s.name, len(s.text), s.text)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// indexedStubs returns a stub module for each rule and library module of
// srcs the embedded index describes, by file name, or nil when the index
// does not match srcs.
func indexedStubs(srcs []source) map[string]*ast.Module {
	idx := builtinIndex()
	if idx.Digest != sourceDigest(srcs) {
		return nil
	}
	out := make(map[string]*ast.Module, len(idx.Rules))
	for _, r := range idx.Rules {
		m, err := r.stub()
		if err != nil {
			return nil
		}
		out[r.File] = m
	}
	for _, l := range idx.Libraries {
		path, err := packagePath(l.Package)
		if err != nil {
			return nil
		}
		out[l.File] = &ast.Module{Package: &ast.Package{Path: path, Location: &ast.Location{File: l.File, Row: l.PackageRow}}}
	}
	return out
}

// stub builds a module holding only what ruleFromModule reads: the
// package, the METADATA block and a deny rule.
func (r indexedRule) stub() (*ast.Module, error) {
	path, err := packagePath(r.Package)
	if err != nil {
		return nil, fmt.Errorf("index entry %s: %w", r.File, err)
	}
	m := &ast.Module{Package: &ast.Package{Path: path, Location: &ast.Location{File: r.File, Row: r.PackageRow}}}
	a := &ast.Annotations{
		Scope:       r.Metadata.Scope,
		Title:       r.Metadata.Title,
		Description: r.Metadata.Description,
		Custom:      r.Metadata.Custom,
		Location:    &ast.Location{File: r.File, Row: r.Metadata.Row},
	}
	deny := &ast.Rule{
		Head:     &ast.Head{Name: ast.Var("deny"), Reference: ast.Ref{ast.VarTerm("deny")}},
		Body:     ast.NewBody(ast.NewExpr(ast.BooleanTerm(true))),
		Location: &ast.Location{File: r.File, Row: r.DenyRow},
		Module:   m,
	}
	if r.OnDeny {
		deny.Annotations = []*ast.Annotations{a}
	} else {
		m.Annotations = []*ast.Annotations{a}
	}
	m.Rules = []*ast.Rule{deny}
	return m, nil
}

// packagePath is the reference a package path written as text stands for
// (data.rampart.lib.ports). A path of plain names is split where it is
// written: OPA's parser, set up again for each call, took a quarter of
// building the engine, most of it sorting the capabilities' built-in
// functions. Anything else is parsed.
func packagePath(text string) (ast.Ref, error) {
	names := strings.Split(text, ".")
	if names[0] != ast.DefaultRootDocument.Value.String() {
		return ast.ParseRef(text)
	}
	path := ast.Ref{ast.DefaultRootDocument.Copy()}
	for _, n := range names[1:] {
		if !isPlainName(n) {
			return ast.ParseRef(text)
		}
		path = append(path, ast.StringTerm(n))
	}
	return path, nil
}

// isPlainName reports whether a package path element is written bare, as
// a Rego variable is: an ASCII letter or underscore, then letters, digits
// and underscores, and no keyword.
func isPlainName(n string) bool {
	if n == "" {
		return false
	}
	for i, c := range n {
		letter := c == '_' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
		if !letter && (i == 0 || c < '0' || c > '9') {
			return false
		}
	}
	return !ast.IsKeyword(n)
}

// buildIndex indexes the rule modules among mods, parsed from srcs.
func buildIndex(srcs []source, mods map[string]*ast.Module) policyIndex {
	idx := policyIndex{Digest: sourceDigest(srcs), Rules: []indexedRule{}, Libraries: []indexedLibrary{}}
	for _, name := range sortedNames(mods) {
		m := mods[name]
		a := ruleMeta(m)
		row, ok := hasDeny(m)
		if a == nil && !ok && !m.Package.Path.Equal(configPackage) {
			idx.Libraries = append(idx.Libraries, indexedLibrary{File: name, Package: m.Package.Path.String(), PackageRow: m.Package.Location.Row})
		}
		if a == nil || !ok {
			continue // parsed whenever the engine is built
		}
		r := indexedRule{
			File: name, Package: m.Package.Path.String(), PackageRow: m.Package.Location.Row, DenyRow: row,
			Metadata: indexedMetadata{Scope: a.Scope, Title: a.Title, Description: a.Description, Custom: a.Custom},
		}
		r.Metadata.Row = r.PackageRow // where ruleFromModule places a block without a location
		if a.Location != nil {
			r.Metadata.Row = a.Location.Row
		}
		r.OnDeny = a.Scope != "package" && a.Scope != "subpackages"
		idx.Rules = append(idx.Rules, r)
	}
	return idx
}

// parseIndexed parses the policy sources, except the built-in modules the
// embedded index describes: those are stubs in the returned modules, and
// are returned by file name to be parsed when a compile needs them.
func parseIndexed(builtinSrcs, userSrcs []source) (map[string]*ast.Module, map[string]*lazyModule, error) {
	stubs := indexedStubs(builtinSrcs)
	unparsed := make(map[string]*lazyModule, len(stubs))
	srcs := make([]source, 0, len(builtinSrcs)+len(userSrcs))
	for _, s := range builtinSrcs {
		if stubs[s.name] != nil {
			unparsed[s.name] = &lazyModule{name: s.name, text: s.text}
			continue
		}
		srcs = append(srcs, s)
	}
	srcs = append(srcs, userSrcs...)
	mods, err := parse(srcs)
	if err != nil {
		return nil, nil, err
	}
	for name, m := range stubs {
		if _, dup := mods[name]; dup {
			return nil, nil, fmt.Errorf("policy %s is loaded twice", name)
		}
		mods[name] = m
	}
	return mods, unparsed, nil
}
