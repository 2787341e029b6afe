package plan

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/internal/safefs"
)

// moduleFiles is the parsed configuration of one module directory: its
// resource and data blocks by module-relative address.
type moduleFiles struct {
	dir        string
	blocks     map[string]*hclsyntax.Block // from .tf files
	jsonBlocks map[string]*hcl.Block       // from .tf.json files
	// overrides are the blocks of override files that patch each
	// resource, in the order Terraform merges them (file name order).
	overrides map[string][]overrideBlock
}

// overrideBlock is a resource or data block of an override file, in
// either syntax.
type overrideBlock struct {
	syntax *hclsyntax.Block // from an override .tf file
	json   *hcl.Block       // from an override .tf.json file
}

// sourceLoader finds and parses configuration directories for one Parse.
type sourceLoader struct {
	p        *parser
	parser   *hclparse.Parser
	root     string // scan root, absolute and symlink-free
	byDir    map[string]*moduleFiles
	manifest map[string]string // modules.json key → directory
}

// loadSources finds the .tf files of every configuration module that has
// resources: the plan's own directory for the root module, the module
// call's source for local child modules, and .terraform/modules/modules.json
// for downloaded ones.
func (p *parser) loadSources() {
	if p.config == nil || len(p.order) == 0 {
		return
	}
	l := &sourceLoader{p: p, parser: hclparse.NewParser(), byDir: map[string]*moduleFiles{}}
	rootDir := filepath.Dir(p.path)
	scanRoot := p.opts.Root
	if scanRoot == "" {
		scanRoot = rootDir
	}
	abs, err := filepath.Abs(scanRoot)
	if err == nil {
		if real, err := filepath.EvalSymlinks(abs); err == nil {
			abs = real
		}
		l.root = abs
	}
	l.manifest = l.readManifest(rootDir)
	l.load(p.config, rootDir, 0)
}

// load parses the directory of module m and recurses into its calls.
func (l *sourceLoader) load(m *module, dir string, depth int) {
	if dir != "" && (len(m.resources) > 0 || m.parent == nil) {
		if mf := l.parseDir(m, dir); mf != nil {
			l.p.sources[m] = mf
		}
	}
	if depth >= maxDepth {
		return
	}
	names := make([]string, 0, len(m.calls))
	for k := range m.calls {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, name := range names {
		mc := m.calls[name]
		if mc.mod == nil {
			continue
		}
		l.load(mc.mod, l.callDir(mc, dir), depth+1)
	}
}

// callDir returns the directory of a module call's configuration, or "".
func (l *sourceLoader) callDir(mc *moduleCall, parentDir string) string {
	src := mc.source
	if parentDir != "" && (strings.HasPrefix(src, "./") || strings.HasPrefix(src, "../")) {
		return filepath.Join(parentDir, filepath.FromSlash(src))
	}
	if d, ok := l.manifest[mc.mod.key]; ok {
		return d
	}
	if len(mc.mod.resources) > 0 {
		l.p.unit.Diagnostics.Notef(l.p.fileLoc(), "configuration of %s (source %q) is not available locally; its resources are located in the plan file", mc.mod.display(), src)
	}
	return ""
}

// readManifest reads the module directories terraform init recorded. A
// missing manifest is normal (no remote modules, or init not run here).
func (l *sourceLoader) readManifest(rootDir string) map[string]string {
	name := filepath.Join(rootDir, ".terraform", "modules", "modules.json")
	src, err := l.readFile(name)
	if err != nil {
		return nil
	}
	var mf struct {
		Modules []struct{ Key, Dir string }
	}
	if err := json.Unmarshal(src, &mf); err != nil {
		l.p.unit.Diagnostics.Notef(graph.Location{File: name, StartLine: 1, EndLine: 1}, "cannot read the module manifest: %v", err)
		return nil
	}
	out := map[string]string{}
	for _, m := range mf.Modules {
		if m.Key != "" && m.Dir != "" {
			// Terraform records directories relative to the root module.
			out[m.Key] = filepath.Join(rootDir, filepath.FromSlash(m.Dir))
		}
	}
	return out
}

// inRoot reports whether path lies inside the scan root (after resolving
// symbolic links, so a link cannot lead outside it).
func (l *sourceLoader) inRoot(path string) bool {
	if l.root == "" {
		return false
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	rel, err := filepath.Rel(l.root, abs)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// readFile reads a configuration file inside the scan root: a regular
// file, its symbolic links resolved inside the root, within the size limit
// (see safefs).
func (l *sourceLoader) readFile(name string) ([]byte, error) {
	if l.root == "" {
		return nil, fmt.Errorf("%s is outside the scan root", name)
	}
	return safefs.ReadFile(name, l.root, maxFileSize)
}

// parseDir parses the .tf and .tf.json files of dir and indexes their
// resource blocks. Override files (override.tf, *_override.tf and their
// .tf.json forms) patch blocks defined elsewhere: a resource stays located
// at its original block, and what an override file replaces is located in
// the override (see link).
func (l *sourceLoader) parseDir(m *module, dir string) *moduleFiles {
	if mf, ok := l.byDir[dir]; ok {
		return mf
	}
	l.byDir[dir] = nil
	where := "the plan's directory"
	if m.parent != nil {
		where = m.display()
	}
	if !l.inRoot(dir) {
		l.p.unit.Diagnostics.Notef(l.p.fileLoc(), "configuration of %s (%s) is outside the scan root; its resources are located in the plan file", where, dir)
		return nil
	}
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		l.p.unit.Diagnostics.Notef(l.p.fileLoc(), "configuration of %s not found at %s; its resources are located in the plan file", where, dir)
		return nil
	case err != nil:
		l.p.unit.Diagnostics.Notef(l.p.fileLoc(), "configuration of %s is not readable (%v); its resources are located in the plan file", where, err)
		return nil
	}
	mf := &moduleFiles{dir: dir, blocks: map[string]*hclsyntax.Block{}, jsonBlocks: map[string]*hcl.Block{}, overrides: map[string][]overrideBlock{}}
	found := false
	var overrides []string // os.ReadDir sorts by name, as Terraform orders them
	for _, e := range entries {
		name := e.Name()
		isJSON := strings.HasSuffix(name, ".tf.json")
		if e.IsDir() || !(isJSON || strings.HasSuffix(name, ".tf")) {
			continue
		}
		if isOverride(name) {
			overrides = append(overrides, name)
			continue
		}
		found = true
		f := l.parseFile(filepath.Join(dir, name))
		if f == nil {
			continue
		}
		if body, ok := f.Body.(*hclsyntax.Body); ok {
			for _, b := range body.Blocks {
				if key, ok := blockKey(b.Type, b.Labels); ok {
					if _, dup := mf.blocks[key]; !dup {
						mf.blocks[key] = b
					}
				}
			}
			continue
		}
		// JSON syntax: the generic API finds the blocks; their bodies
		// have no block structure of their own (see link).
		content, _, _ := f.Body.PartialContent(resourceSchema)
		for _, b := range content.Blocks {
			if key, ok := blockKey(b.Type, b.Labels); ok {
				if _, dup := mf.jsonBlocks[key]; !dup {
					mf.jsonBlocks[key] = b
				}
			}
		}
	}
	if !found {
		l.p.unit.Diagnostics.Notef(l.p.fileLoc(), "no Terraform configuration files (.tf, .tf.json) for %s in %s; its resources are located in the plan file", where, dir)
		return nil
	}
	for _, name := range overrides {
		l.addOverrides(mf, l.parseFile(filepath.Join(dir, name)))
	}
	l.byDir[dir] = mf
	return mf
}

// parseFile reads and parses one configuration file; problems are notes,
// and a file that cannot be read at all is nil.
func (l *sourceLoader) parseFile(file string) *hcl.File {
	src, err := l.readFile(file)
	if err != nil {
		l.p.unit.Diagnostics.Notef(graph.Location{File: file, StartLine: 1, EndLine: 1}, "configuration file not read, its resources are located in the plan file: %v", err)
		return nil
	}
	var f *hcl.File
	var diags hcl.Diagnostics
	if strings.HasSuffix(file, ".json") {
		f, diags = l.parser.ParseJSON(src, file)
	} else {
		f, diags = l.parser.ParseHCL(src, file)
	}
	for _, d := range diags {
		if d.Severity == hcl.DiagError {
			l.p.unit.Diagnostics.Notef(hclLoc(rangeOf(d, file)), "configuration file does not parse (%s: %s); locations from it may be incomplete", d.Summary, d.Detail)
		}
	}
	return f
}

// addOverrides records the resource and data blocks of an override file
// that patch a block of the module's ordinary files.
func (l *sourceLoader) addOverrides(mf *moduleFiles, f *hcl.File) {
	if f == nil {
		return
	}
	based := func(key string) bool { return mf.blocks[key] != nil || mf.jsonBlocks[key] != nil }
	if body, ok := f.Body.(*hclsyntax.Body); ok {
		for _, b := range body.Blocks {
			if key, ok := blockKey(b.Type, b.Labels); ok && based(key) {
				mf.overrides[key] = append(mf.overrides[key], overrideBlock{syntax: b})
			}
		}
		return
	}
	content, _, _ := f.Body.PartialContent(resourceSchema)
	for _, b := range content.Blocks {
		if key, ok := blockKey(b.Type, b.Labels); ok && based(key) {
			mf.overrides[key] = append(mf.overrides[key], overrideBlock{json: b})
		}
	}
}

// resourceSchema selects resource and data blocks from a JSON body.
var resourceSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
	{Type: "resource", LabelNames: []string{"type", "name"}},
	{Type: "data", LabelNames: []string{"type", "name"}},
}}

// blockKey returns the module-relative address a resource or data block
// declares.
func blockKey(typ string, labels []string) (string, bool) {
	if len(labels) != 2 || (typ != "resource" && typ != "data") {
		return "", false
	}
	key := labels[0] + "." + labels[1]
	if typ == "data" {
		key = "data." + key
	}
	return key, true
}

// isOverride reports whether a configuration file is an override file,
// which patches blocks defined elsewhere.
func isOverride(name string) bool {
	base := strings.TrimSuffix(strings.TrimSuffix(name, ".json"), ".tf")
	return base == "override" || strings.HasSuffix(base, "_override")
}

func rangeOf(d *hcl.Diagnostic, file string) hcl.Range {
	if d.Subject != nil {
		return *d.Subject
	}
	return hcl.Range{Filename: file, Start: hcl.InitialPos, End: hcl.InitialPos}
}

// hclLoc converts an HCL range into a location.
func hclLoc(r hcl.Range) graph.Location {
	return graph.Location{
		File:      r.Filename,
		StartLine: r.Start.Line,
		StartCol:  r.Start.Column,
		EndLine:   r.End.Line,
		EndCol:    r.End.Column,
	}
}

// fileLoc is the plan file's first line, for diagnostics about the plan as
// a whole.
func (p *parser) fileLoc() graph.Location {
	return graph.Location{File: p.path, StartLine: 1, EndLine: 1}
}
