package plan

import (
	"bytes"
	"context"
	"strconv"
	"strings"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

const (
	// maxFileSize bounds the plan and each configuration file read.
	maxFileSize = 64 << 20
	// maxDepth bounds JSON nesting. Real plans stay far below it (module
	// nesting plus attribute nesting); it keeps hostile input from
	// exhausting the stack.
	maxDepth = 256
	// maxRefDepth bounds how many module inputs and outputs a reference is
	// followed through.
	maxRefDepth = 32

	// reasonAfterApply is the Reason of every value Terraform marks unknown.
	reasonAfterApply = "known after apply"
)

// Options configure Parse.
type Options struct {
	Root string // scan root; configuration files looked up for locations must be below it
}

// instance is one resource instance of the plan with everything known about
// it while the unit is built.
type instance struct {
	res    *graph.Resource
	rel    string  // module-relative address without instance key (aws_instance.web, data.aws_ami.x)
	mod    string  // module instance address, "" for the root
	cfgMod *module // configuration of its module; nil when absent
	cfg    *node   // its configuration resource; nil when absent
	change *node   // its resource_changes entry; nil when absent
}

// parser holds the state of one Parse call.
type parser struct {
	ctx   context.Context
	path  string
	src   []byte
	lines lineIndex
	opts  Options
	unit  *graph.Unit

	config    *module                  // configuration.root_module
	providers *node                    // configuration.provider_config
	variables *node                    // the root module's variable values
	changes   map[string]*node         // resource_changes by address
	instances map[string]*instance     // by address
	order     []*instance              // in plan order
	bases     map[string][]string      // address without instance key → instance addresses
	modules   map[string]moduleInst    // module instance address → its call
	edgeSeen  map[string]bool          // dedupes edges
	files     map[string]bool          // files already in unit.Files
	sources   map[*module]*moduleFiles // parsed configuration, per module
}

// moduleInst records the module call a module instance belongs to.
type moduleInst struct {
	parent string
	call   string
}

// Parse turns a plan into a Unit with Source graph.SourceTerraformPlan. Never
// panics: problems with the input are diagnostics in the unit.
func Parse(ctx context.Context, path string, src []byte, opts Options) *graph.Unit {
	if ctx == nil {
		ctx = context.Background()
	}
	p := &parser{
		ctx:       ctx,
		path:      path,
		opts:      opts,
		unit:      &graph.Unit{Source: graph.SourceTerraformPlan, Path: path, Files: []string{path}},
		changes:   map[string]*node{},
		instances: map[string]*instance{},
		bases:     map[string][]string{},
		modules:   map[string]moduleInst{},
		edgeSeen:  map[string]bool{},
		files:     map[string]bool{path: true},
		sources:   map[*module]*moduleFiles{},
	}
	p.parse(src)
	return p.unit
}

func (p *parser) parse(src []byte) {
	fileLoc := graph.Location{File: p.path, StartLine: 1, EndLine: 1}
	if len(src) > maxFileSize {
		p.unit.Diagnostics.Errorf(fileLoc, "plan file is %d bytes, more than the %d MiB limit", len(src), maxFileSize>>20)
		return
	}
	if bytes.HasPrefix(src, []byte{0xff, 0xfe}) || bytes.HasPrefix(src, []byte{0xfe, 0xff}) {
		p.unit.Diagnostics.Errorf(fileLoc, "plan file is UTF-16 encoded (PowerShell output redirection does this); write it as UTF-8, e.g. terraform show -json plan.out | Out-File -Encoding utf8 plan.json")
		return
	}
	p.src = blankBOM(src)
	p.lines = newLineIndex(p.src)

	root, err := decodeTreeSkipping(p.src, maxDepth, unread)
	if err != nil {
		off := int64(len(p.src))
		if se, ok := err.(*syntaxError); ok {
			off = se.offset
		}
		p.unit.Diagnostics.Errorf(p.point(off), "invalid plan JSON: %s", err)
		return
	}
	if !root.isObject() {
		p.unit.Diagnostics.Errorf(p.span(root), "plan JSON is not an object")
		return
	}
	if !p.checkFormat(root) {
		return
	}
	if b := root.get("errored"); b != nil && b.kind == nodeBool && b.bool {
		p.unit.Diagnostics.Warnf(p.span(b), "the plan was produced by a terraform plan that failed; its values may be incomplete")
	}

	p.providers = root.get("configuration").get("provider_config")
	p.variables = root.get("variables")
	cfgRoot := root.get("configuration").get("root_module")
	p.config = p.buildModule(cfgRoot, nil, "", 0)
	p.indexChanges(root.get("resource_changes"))

	pv := root.get("planned_values")
	if !pv.isObject() {
		p.unit.Diagnostics.Errorf(p.span(pv), "planned_values is not an object")
		return
	}
	if rm := pv.get("root_module"); rm != nil {
		p.walkPlannedModule(rm, "", 0, false)
	}
	// A data source read while planning is not in planned_values: its
	// values are in prior_state, the state the plan starts from.
	if rm := root.get("prior_state").get("values").get("root_module"); rm != nil && p.config != nil {
		p.walkPlannedModule(rm, "", 0, true)
	}
	if p.ctx.Err() != nil {
		p.cancelled()
		return
	}
	p.loadSources()
	for _, in := range p.order {
		if p.ctx.Err() != nil {
			p.cancelled()
			return
		}
		p.link(in)
	}
}

func (p *parser) cancelled() {
	p.unit.Diagnostics.Errorf(graph.Location{File: p.path, StartLine: 1, EndLine: 1}, "reading the plan was cancelled: %v", p.ctx.Err())
}

// unread reports whether a plan member is never read, so decoding can skip
// it: top-level sections other than the ones this package uses (of
// prior_state, only its values are), and the before/after values of
// resource changes (planned_values has the after
// values with positions; only the unknown and sensitive marks are read
// from the changes).
func unread(keys []string) bool {
	switch len(keys) {
	case 1:
		switch keys[0] {
		case "format_version", "planned_values", "resource_changes", "configuration", "errored", "variables", "prior_state":
			return false
		}
		return true
	case 2:
		// Arrays add no key: resource_changes[i].change is [resource_changes change].
		switch keys[0] {
		case "resource_changes":
			return keys[1] != "address" && keys[1] != "change"
		case "prior_state":
			// Only its values: the data sources read while planning.
			return keys[1] != "values"
		}
	case 3:
		if keys[0] == "resource_changes" && keys[1] == "change" {
			switch keys[2] {
			case "actions", "after_unknown", "after_sensitive":
				return false
			}
			return true
		}
	}
	return false
}

// blankBOM replaces a UTF-8 byte order mark with spaces, which JSON allows,
// so offsets into the copy stay offsets into the file.
func blankBOM(src []byte) []byte {
	if !bytes.HasPrefix(src, []byte{0xef, 0xbb, 0xbf}) {
		return src
	}
	out := append([]byte(nil), src...)
	copy(out, "   ")
	return out
}

// checkFormat validates format_version and the presence of planned_values.
func (p *parser) checkFormat(root *node) bool {
	fv := root.get("format_version")
	if fv == nil || root.get("planned_values") == nil {
		p.unit.Diagnostics.Errorf(p.span(root), "not a Terraform plan: the JSON lacks format_version or planned_values (produce it with terraform show -json plan.out)")
		return false
	}
	v, ok := fv.text()
	if !ok {
		p.unit.Diagnostics.Errorf(p.span(fv), "format_version is not a string")
		return false
	}
	major, _, _ := strings.Cut(v, ".")
	// Format 0.x (Terraform 0.12 to 0.15) has the same layout as 1.x, minus
	// some fields this package treats as optional.
	if n, err := strconv.Atoi(major); err != nil || n > 1 || n < 0 {
		p.unit.Diagnostics.Errorf(p.span(fv), "unsupported plan format_version %q: rampart reads format 0.x and 1.x", v)
		return false
	}
	return true
}

// indexChanges indexes resource_changes by address.
func (p *parser) indexChanges(rc *node) {
	if rc == nil {
		return
	}
	if !rc.isArray() {
		p.unit.Diagnostics.Errorf(p.span(rc), "resource_changes is not a list")
		return
	}
	for _, c := range rc.items {
		addr, ok := c.get("address").text()
		if !ok {
			p.unit.Diagnostics.Errorf(p.span(c), "resource change without an address")
			continue
		}
		p.changes[addr] = c
	}
}

// span locates a node in the plan file; a nil node is located at line 1.
func (p *parser) span(n *node) graph.Location {
	if n == nil {
		return graph.Location{File: p.path, StartLine: 1, EndLine: 1}
	}
	sl, sc := p.lines.position(n.start)
	el, ec := p.lines.position(n.end)
	if n.end > n.start {
		// end is exclusive; report the last byte's column.
		el, ec = p.lines.position(n.end - 1)
	}
	return graph.Location{File: p.path, StartLine: sl, StartCol: sc, EndLine: el, EndCol: ec}
}

// point locates one byte offset of the plan file.
func (p *parser) point(off int64) graph.Location {
	l, c := p.lines.position(off)
	return graph.Location{File: p.path, StartLine: l, StartCol: c, EndLine: l, EndCol: c}
}

// addFile records a configuration file that contributed locations.
func (p *parser) addFile(name string) {
	if name != "" && !p.files[name] {
		p.files[name] = true
		p.unit.Files = append(p.unit.Files, name)
	}
}
