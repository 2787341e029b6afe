package cloudformation

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime/debug"

	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/textenc"
)

// Options configure the parse of one template.
type Options struct {
	// Params are --cfn-param k=v overrides (highest precedence). They apply
	// to the top-level template only; pseudo parameters such as AWS::Region
	// may be given here too.
	Params map[string]string
	// ParamFiles are --cfn-param-file files, in the AWS CLI form
	// [{"ParameterKey": .., "ParameterValue": ..}] or the CodePipeline form
	// {"Parameters": {...}}. Later files win over earlier ones.
	ParamFiles []string
	// Root is the scan root directory: nested stacks may not point outside
	// it. Empty means the directory of the template.
	Root string
}

// parser holds the state shared by a template and its nested stacks.
type parser struct {
	ctx    context.Context
	opts   Options
	root   string // absolute scan root
	unit   *graph.Unit
	diags  *graph.Diagnostics
	files  map[string]bool
	schema *schemaIndex

	// parsed is the top-level template's tree when Detect parsed it.
	parsed *parsedSource

	resources int // resources created so far, for MaxResources
	forEach   int // Fn::ForEach copies so far
	stopped   bool
}

// Parse parses one template (and the local nested stacks it references) into
// a Unit. path is used unchanged in every Location.File of the template;
// nested stack files get the path joined from their parent's directory. It
// never panics: a recovered panic becomes an error diagnostic for the file.
func Parse(ctx context.Context, path string, src []byte, opts Options) *graph.Unit {
	return parse(ctx, path, src, nil, opts)
}

// ParseDetected is Parse for a file that Detect(path, src) classified: it
// starts from the tree Detect parsed instead of parsing src a second time,
// and gives the same unit Parse would. A Detection is used once; with
// another path or text, or a second time, src is parsed again.
func ParseDetected(ctx context.Context, det Detection, path string, src []byte, opts Options) *graph.Unit {
	return parse(ctx, path, src, det.parsed, opts)
}

func parse(ctx context.Context, path string, src []byte, parsed *parsedSource, opts Options) (unit *graph.Unit) {
	unit = &graph.Unit{Source: graph.SourceCloudFormation, Path: path, Files: []string{path}}
	defer func() {
		if r := recover(); r != nil {
			unit.Diagnostics = append(unit.Diagnostics, graph.Diagnostic{
				Severity: graph.SeverityError,
				Summary:  fmt.Sprintf("internal error while parsing the template (please report it): %v", r),
				Detail:   string(debug.Stack()),
				Location: fileLoc(path),
			})
		}
	}()
	root := opts.Root
	if root == "" {
		root = filepath.Dir(path)
	}
	absRoot, err := filepath.Abs(root)
	if err != nil {
		unit.Diagnostics.Errorf(graph.Location{File: path}, "scan root %q: %v", root, err)
		absRoot = root
	}
	p := &parser{
		ctx:    ctx,
		opts:   opts,
		root:   absRoot,
		unit:   unit,
		diags:  &unit.Diagnostics,
		files:  map[string]bool{path: true},
		schema: loadSchema(),
	}
	overrides := p.topOverrides(path)
	p.parsed = parsed
	st := p.load(path, src, "", overrides, nil)
	if st != nil {
		st.run()
		unit.Resources = st.collect(nil)
	}
	return unit
}

// addFile records a file that contributed to the unit.
func (p *parser) addFile(f string) {
	if !p.files[f] {
		p.files[f] = true
		p.unit.Files = append(p.unit.Files, f)
	}
}

// cancelled reports whether the scan was cancelled, recording it once.
func (p *parser) cancelled(loc graph.Location) bool {
	if p.stopped {
		return true
	}
	if err := p.ctx.Err(); err != nil {
		p.stopped = true
		p.diags.Errorf(loc, "parse stopped: %v", err)
		return true
	}
	return false
}

// load parses a template's text and reads its sections. prefix is "" for the
// top-level template and "StackID/" for a nested stack; ancestry holds the
// absolute paths of the stacks above, for cycle detection.
func (p *parser) load(path string, src []byte, prefix string, overrides map[string]paramValue, ancestry []ancestor) *stack {
	if len(src) > MaxFileSize {
		p.diags.Errorf(graph.Location{File: path, StartLine: 1, EndLine: 1},
			"template is %d bytes, more than the %d-byte limit", len(src), MaxFileSize)
		return nil
	}
	src, err := textenc.ToUTF8(src)
	if err != nil {
		p.diags.Errorf(fileLoc(path), "cannot decode the template: %v", err)
		return nil
	}
	root := p.parseSource(path, src)
	if root == nil {
		return nil
	}
	if root.kind != nMap {
		p.diags.Errorf(root.loc, "template must be a map of sections, got %s", root.kindName())
		return nil
	}
	st := newStack(p, path, root, prefix, ancestry)
	st.readSections(overrides)
	return st
}

// parseSource parses a template's text, or takes the tree Detect parsed
// of the same text.
func (p *parser) parseSource(path string, src []byte) *node {
	if root, diags, ok := p.parsed.take(path, src); ok {
		*p.diags = append(*p.diags, diags...)
		return root
	}
	return parseSource(path, src, p.diags)
}

// include records that parent includes file, and why file was not read
// when it was not.
func (p *parser) include(file, parent, notAnalysed string) {
	p.unit.Includes = append(p.unit.Includes, graph.Include{File: file, Parent: parent, NotAnalysed: notAnalysed})
}

// fileLoc is a location naming only a file's first line.
func fileLoc(file string) graph.Location {
	return graph.Location{File: file, StartLine: 1, EndLine: 1}
}

// errorf records an error diagnostic about a resource property.
func (p *parser) errorf(loc graph.Location, format string, args ...any) {
	p.diags.Errorf(loc, format, args...)
}

// quoted renders a name for messages.
func quoted(s string) string { return fmt.Sprintf("%q", s) }
