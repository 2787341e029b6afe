package terraform

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/gocty"
)

// maxFileSize bounds every file read, so one huge generated file cannot
// exhaust memory; Terraform configurations are far below it.
const maxFileSize = 16 << 20

// moduleConfig is the static content of one module directory: its blocks,
// not yet evaluated.
type moduleConfig struct {
	dir   string
	files []string
	// srcBytes is the size of the files parsed, what a loader counts
	// against maxCachedSource.
	srcBytes int

	variables  map[string]*variableConfig
	locals     map[string]*hcl.Attribute
	outputs    map[string]*outputConfig
	resources  []*resourceConfig
	byAddr     map[string]*resourceConfig // "aws_vpc.main", "data.aws_ami.x"
	calls      []*moduleCall
	callByName map[string]*moduleCall
	providers  []*providerConfig
	// checks are the check blocks, in source order.
	checks []*checkConfig
	// ephemerals are the ephemeral resources ("ephemeral.random_password.p")
	// by address, with their block headers.
	ephemerals map[string]hcl.Range

	// blocks are the top-level blocks of the ordinary files in source
	// order, each with the override blocks merged into it; blockIndex
	// finds the first block of each blockKey.
	blocks     []*topBlock
	blockIndex map[string]*topBlock

	// providerFuncs are provider-defined functions (provider::aws::x)
	// called in the module; they evaluate to Unknown.
	providerFuncs map[string]bool

	// jsonSrc holds the source of the module's .tf.json files, to read a
	// nested block written as an argument as a block body (jsonblocks.go).
	jsonSrc map[string][]byte

	// bodies are the native syntax bodies of the module's files, in the
	// order of files; readNames is every attribute name they read
	// (vocabulary), computed on first need.
	bodies    []*hclsyntax.Body
	readNames map[string]bool
	namesOnce sync.Once

	// cycles is the module's part of the dependency graph checkCycles
	// asks first (moduleGraph), built on first use.
	cycles    *moduleGraph
	cycleOnce sync.Once

	// declared are the names of the variables, local values and outputs,
	// sorted, which every instance evaluates in that order: sorted once
	// on first use (terraform-aws-vpc's module has 200 outputs).
	declared     declaredNames
	declaredOnce sync.Once

	diags hcl.Diagnostics

	// validated is set once an instance of the module, validated with
	// every variable Unknown (validateOnly), found no error below it.
	validated atomic.Bool
}

type declaredNames struct {
	variables, locals, outputs []string
}

// declaresEphemeral reports whether m declares an ephemeral variable,
// output or resource, the only sources of ephemeral values.
func (m *moduleConfig) declaresEphemeral() bool {
	if len(m.ephemerals) > 0 {
		return true
	}
	for _, v := range m.variables {
		if v.ephemeral {
			return true
		}
	}
	for _, o := range m.outputs {
		if o.ephemeral {
			return true
		}
	}
	return false
}

// sortedNames returns the module's declared names, sorted; the caller must
// not change them.
func (m *moduleConfig) sortedNames() *declaredNames {
	m.declaredOnce.Do(func() {
		m.declared = declaredNames{
			variables: slices.Sorted(maps.Keys(m.variables)),
			locals:    slices.Sorted(maps.Keys(m.locals)),
			outputs:   slices.Sorted(maps.Keys(m.outputs)),
		}
	})
	return &m.declared
}

type variableConfig struct {
	name      string
	declRange hcl.Range
	def       hcl.Expression // nil without default
	typ       cty.Type
	defaults  *typeexpr.Defaults
	optionals *defaultSites // where the type's optional() defaults are written
	hasType   bool
	sensitive bool
	nullable  bool
	ephemeral bool
	// validations are the variable's validation blocks, in order.
	validations []validation
	// badDefault is set when the default does not suit the type or
	// nullable, an error of the configuration reported once, here.
	badDefault bool
	// literalDefault is the default as written and convertedDefault the
	// same after optional() defaults and conversion to the type, kept
	// from checkDefault: every instance of a module that does not set the
	// variable needs that conversion, and for a large default (the rules
	// map of terraform-aws-security-group) it dominates the evaluation.
	literalDefault, convertedDefault cty.Value
}

// convert applies the type's optional() defaults to a value of the
// variable and converts it to the type.
func (v *variableConfig) convert(val cty.Value) (cty.Value, error) {
	// RawEquals first: it tells most values from the default at their
	// type, where ContainsMarked walks every one of them.
	if v.convertedDefault != cty.NilVal && val.RawEquals(v.literalDefault) && !val.ContainsMarked() {
		return v.convertedDefault, nil
	}
	if v.defaults != nil && val.IsKnown() && !val.IsNull() {
		// Defaults walk the value's elements, which cty refuses to do
		// through marks: apply them to the unmarked value.
		raw, pvm := val.UnmarkDeepWithPaths()
		val = v.defaults.Apply(raw).MarkWithPaths(pvm)
	}
	return convert.Convert(val, v.typ)
}

// validation is one validation block of a variable or precondition
// block of an output.
type validation struct {
	condition    hcl.Expression
	errorMessage hcl.Expression // nil when absent
	declRange    hcl.Range      // the block header
}

var validationSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "condition", Required: true}, {Name: "error_message"}},
}

type outputConfig struct {
	name      string
	expr      hcl.Expression
	declRange hcl.Range
	sensitive bool
	// preconditions are the output's precondition blocks, in order.
	preconditions []validation
	dependsOn     []hcl.Traversal
	ephemeral     bool
}

// checkConfig is a check block: its assertions, and the data sources
// scoped to it, which only its assertions read.
type checkConfig struct {
	name    string
	asserts []validation
	scoped  map[string]bool // "data.http.site"
}

var checkSchema = &hcl.BodySchema{
	Blocks: []hcl.BlockHeaderSchema{
		{Type: "assert"}, {Type: "data", LabelNames: []string{"type", "name"}},
	},
}

type resourceConfig struct {
	data      bool
	typ, name string
	declRange hcl.Range // header line
	fullRange hcl.Range // header through closing brace
	// items are the body's arguments and nested blocks, in order, after
	// override files are merged; attrs are its arguments by name.
	items     []resItem
	attrs     map[string]hcl.Expression
	count     hcl.Expression
	forEach   hcl.Expression
	provider  hcl.Traversal
	provRange hcl.Range
	dependsOn []hcl.Traversal
	lifecycle *hcl.Block
	// preconditions and postconditions are the lifecycle block's
	// condition blocks, in order.
	preconditions, postconditions []validation
	// validated is set once the body, evaluated only to be validated
	// (validateEmptyResources), gave no error: the roots that share this
	// parsed configuration need not validate it again.
	validated atomic.Bool
}

// addr is the resource's address inside its module: aws_vpc.main or
// data.aws_ami.ubuntu.
func (r *resourceConfig) addr() string {
	if r.data {
		return "data." + r.typ + "." + r.name
	}
	return r.typ + "." + r.name
}

type moduleCall struct {
	name        string
	source      string
	sourceRange hcl.Range
	declRange   hcl.Range
	count       hcl.Expression
	forEach     hcl.Expression
	args        map[string]*hcl.Attribute
	// providers maps a provider address inside the child ("aws",
	// "aws.west") to one in the caller.
	providers map[string]string
	dependsOn []hcl.Traversal
	// validated is set once the arguments, evaluated for an instance that
	// is only validated (validateOnly), gave no error.
	validated atomic.Bool
}

type providerConfig struct {
	name, alias string
	declRange   hcl.Range
	defaultTags hcl.Expression // default_tags { tags = ... }, nil when absent
	// attrs are the block's other arguments (region, access_key,
	// secret_key, ...), evaluated only for the strings they hold.
	attrs hcl.Attributes
}

func (p *providerConfig) addr() string {
	if p.alias == "" {
		return p.name
	}
	return p.name + "." + p.alias
}

var topSchema = &hcl.BodySchema{
	Blocks: []hcl.BlockHeaderSchema{
		{Type: "resource", LabelNames: []string{"type", "name"}},
		{Type: "data", LabelNames: []string{"type", "name"}},
		{Type: "ephemeral", LabelNames: []string{"type", "name"}},
		{Type: "module", LabelNames: []string{"name"}},
		{Type: "variable", LabelNames: []string{"name"}},
		{Type: "locals"},
		{Type: "output", LabelNames: []string{"name"}},
		{Type: "provider", LabelNames: []string{"name"}},
		{Type: "terraform"},
		{Type: "moved"},
		{Type: "import"},
		{Type: "removed"},
		{Type: "check", LabelNames: []string{"name"}},
	},
}

var variableSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "type"}, {Name: "default"}, {Name: "description"},
		{Name: "sensitive"}, {Name: "nullable"}, {Name: "ephemeral"},
	},
	Blocks: []hcl.BlockHeaderSchema{{Type: "validation"}},
}

var outputSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "value", Required: true}, {Name: "description"}, {Name: "sensitive"},
		{Name: "depends_on"}, {Name: "ephemeral"},
	},
	Blocks: []hcl.BlockHeaderSchema{{Type: "precondition"}},
}

var resourceMetaSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "count"}, {Name: "for_each"}, {Name: "provider"}, {Name: "depends_on"},
	},
	Blocks: []hcl.BlockHeaderSchema{
		{Type: "lifecycle"}, {Type: "provisioner", LabelNames: []string{"type"}},
		{Type: "connection"}, {Type: "dynamic", LabelNames: []string{"type"}},
	},
}

var providerSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "alias"}},
	Blocks:     []hcl.BlockHeaderSchema{{Type: "default_tags"}},
}

var defaultTagsSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "tags"}}}

// moduleFiles lists the configuration files of dir in the order Terraform
// reads them (lexical), .tf before .tf.json being irrelevant to semantics.
// Override files are returned separately, also in lexical order: Terraform
// merges them into the module after reading every other file.
func moduleFiles(dir string) (files, overrides []string, err error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("read module directory: %w", err)
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") {
			continue
		}
		if !strings.HasSuffix(name, ".tf") && !strings.HasSuffix(name, ".tf.json") {
			continue
		}
		base := strings.TrimSuffix(strings.TrimSuffix(name, ".json"), ".tf")
		if base == "override" || strings.HasSuffix(base, "_override") {
			overrides = append(overrides, filepath.Join(dir, name))
			continue
		}
		files = append(files, filepath.Join(dir, name))
	}
	sort.Strings(files)
	sort.Strings(overrides)
	return files, overrides, nil
}

// parseFile reads and parses one configuration or tfvars file (see
// readSource); the parser caches it so a module shared by several roots is
// parsed once per scan.
func parseFile(p *parser, path, root string) (*hcl.File, hcl.Diagnostics) {
	if f, ok := p.Files()[path]; ok {
		return f, nil
	}
	src, diags := p.readSource(path, root)
	if diags.HasErrors() {
		return nil, diags
	}
	return parseSource(p, src, path)
}

// loadModuleConfig parses every configuration file of dir. Problems become
// diagnostics on the config; a config is always returned.
func loadModuleConfig(p *parser, dir, root string) *moduleConfig {
	return loadModuleFiles(p, dir, root, nil)
}

// loadModuleCalls is loadModuleConfig for finding the roots of a scan,
// which reads only the module calls of a directory it does not keep: of
// its files it parses those that may declare a module block
// (mayDeclareModule), less than half of a typical module's source.
// Problems with the others are left for the load that parses them all.
func loadModuleCalls(p *parser, dir, root string) *moduleConfig {
	return loadModuleFiles(p, dir, root, mayDeclareModule)
}

func newModuleConfig(dir string) *moduleConfig {
	return &moduleConfig{
		dir:           dir,
		variables:     map[string]*variableConfig{},
		locals:        map[string]*hcl.Attribute{},
		outputs:       map[string]*outputConfig{},
		byAddr:        map[string]*resourceConfig{},
		callByName:    map[string]*moduleCall{},
		providerFuncs: map[string]bool{},
		blockIndex:    map[string]*topBlock{},
		jsonSrc:       map[string][]byte{},
	}
}

// loadModuleFiles parses the configuration files of dir that only accepts
// (every file when only is nil).
func loadModuleFiles(p *parser, dir, root string, only func(path string, src []byte) bool) *moduleConfig {
	m := newModuleConfig(dir)
	files, overrides, err := moduleFiles(dir)
	if err != nil {
		m.diags = append(m.diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Cannot read module",
			Detail:   err.Error(),
			Subject:  &hcl.Range{Filename: dir},
		})
		return m
	}
	// The override files come after the others, and are merged into them.
	paths := append(files[:len(files):len(files)], overrides...)
	for i, f := range parseFiles(p, paths, root, only) {
		m.files = append(m.files, paths[i])
		m.diags = append(m.diags, f.diags...)
		if f.file == nil || f.file.Body == nil {
			continue
		}
		m.srcBytes += len(f.file.Bytes)
		m.keepJSON(paths[i], f.file)
		m.keepBody(f.file)
		if i < len(files) {
			m.addFile(f.file)
		} else {
			m.addOverrideFile(f.file)
		}
	}
	for _, t := range m.blocks {
		m.addBlock(t)
	}
	m.checkDependsOn()
	return m
}

// keepBody records a native syntax file's body, for names.
func (m *moduleConfig) keepBody(f *hcl.File) {
	if body, ok := f.Body.(*hclsyntax.Body); ok {
		m.bodies = append(m.bodies, body)
	}
}

// names is every attribute name the module's native syntax files read
// (collectNames), computed once however many roots and instances ask.
// The caller must not change the map.
func (m *moduleConfig) names() map[string]bool {
	m.namesOnce.Do(func() {
		m.readNames = map[string]bool{}
		for _, body := range m.bodies {
			collectNames(body, m.readNames)
		}
	})
	return m.readNames
}

func (m *moduleConfig) addFile(f *hcl.File) {
	content, diags := f.Body.Content(topSchema)
	m.diags = append(m.diags, diags...)
	if content == nil {
		return
	}
	for _, b := range content.Blocks {
		switch b.Type {
		case "resource", "data", "module", "variable", "output", "provider":
			// Built once every override file is merged in.
			t := &topBlock{block: b}
			m.blocks = append(m.blocks, t)
			if key := blockKey(b); m.blockIndex[key] == nil {
				m.blockIndex[key] = t
			}
		case "locals":
			attrs, diags := b.Body.JustAttributes()
			m.diags = append(m.diags, diags...)
			for name, a := range attrs {
				if prev, ok := m.locals[name]; ok {
					m.diags = append(m.diags, duplicate("local value", name, prev.NameRange, a.NameRange))
					continue
				}
				m.locals[name] = a
				m.noteFuncs(a.Expr)
			}
		case "check":
			m.addCheck(b)
		case "ephemeral":
			m.addEphemeral(b)
		}
		// terraform, moved, import and removed blocks change nothing
		// rampart evaluates; parsing them is enough.
	}
}

// addBlock builds the configuration of one top-level block with its
// overrides merged in.
func (m *moduleConfig) addBlock(t *topBlock) {
	switch t.block.Type {
	case "resource", "data":
		m.addResource(t)
	case "module":
		m.addCall(t.merged())
	case "variable":
		m.addVariable(t.merged())
	case "output":
		m.addOutput(t.merged())
	case "provider":
		m.addProvider(t.merged())
	}
}

func duplicate(what, name string, prev, cur hcl.Range) *hcl.Diagnostic {
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  fmt.Sprintf("Duplicate %s", what),
		Detail:   fmt.Sprintf("%s %q was already declared at %s", what, name, prev),
		Subject:  cur.Ptr(),
	}
}

// noteFuncs records provider-defined functions called in expr, so the
// evaluator can answer them with Unknown instead of "unknown function".
func (m *moduleConfig) noteFuncs(expr hcl.Expression) {
	se, ok := expr.(hclsyntax.Expression)
	if !ok {
		if se, ok = jsonAsSyntax(expr); !ok {
			return
		}
	}
	_ = hclsyntax.VisitAll(se, func(n hclsyntax.Node) hcl.Diagnostics {
		if call, ok := n.(*hclsyntax.FunctionCallExpr); ok && strings.HasPrefix(call.Name, "provider::") &&
			!strings.HasPrefix(call.Name, "provider::terraform::") {
			m.providerFuncs[call.Name] = true
		}
		return nil
	})
}

func (m *moduleConfig) noteBodyFuncs(body *hclsyntax.Body) {
	if body == nil {
		return
	}
	for _, a := range body.Attributes {
		m.noteFuncs(a.Expr)
	}
	for _, b := range body.Blocks {
		m.noteBodyFuncs(b.Body)
	}
}

func (m *moduleConfig) addVariable(b *hcl.Block) {
	name := b.Labels[0]
	if prev, ok := m.variables[name]; ok {
		m.diags = append(m.diags, duplicate("variable", name, prev.declRange, b.DefRange))
		return
	}
	v := &variableConfig{name: name, declRange: b.DefRange, typ: cty.DynamicPseudoType, nullable: true}
	m.variables[name] = v
	content, diags := b.Body.Content(variableSchema)
	m.diags = append(m.diags, diags...)
	if content == nil {
		return
	}
	if a, ok := content.Attributes["type"]; ok {
		ty, defaults, diags := variableType(a.Expr)
		m.diags = append(m.diags, diags...)
		if !diags.HasErrors() {
			v.typ, v.defaults, v.hasType = ty, defaults, true
			v.optionals = optionalSites(a.Expr)
		}
	}
	if a, ok := content.Attributes["default"]; ok {
		v.def = a.Expr
	}
	v.sensitive = m.constBool(content.Attributes["sensitive"], false)
	v.nullable = m.constBool(content.Attributes["nullable"], true)
	v.ephemeral = m.constBool(content.Attributes["ephemeral"], false)
	m.checkDefault(v)
	v.validations = m.conditionBlocks(content.Blocks)
	for _, val := range v.validations {
		if !refersTo(val.condition, "var", name) {
			m.diags = append(m.diags, &hcl.Diagnostic{
				Severity: hcl.DiagError, Summary: "Invalid variable validation condition",
				Detail:  fmt.Sprintf("the condition for variable %q must refer to var.%s to test the values it is given", name, name),
				Subject: val.condition.Range().Ptr(),
			})
		}
	}
}

// variableType reads a variable's type constraint as Terraform 1.x does:
// hcl's type constraint syntax, plus the bare keywords list and map that
// Terraform still accepts from 0.11 as list(any) and map(any) (a bare set
// is an error there too). The 0.11 quoted form, type = "string", is an
// error in native syntax; in .tf.json every type is written as a string
// and read as the expression it holds.
func variableType(expr hcl.Expression) (cty.Type, *typeexpr.Defaults, hcl.Diagnostics) {
	if d := quotedType(expr); d != nil {
		return cty.DynamicPseudoType, nil, hcl.Diagnostics{d}
	}
	switch hcl.ExprAsKeyword(expr) {
	case "list":
		return cty.List(cty.DynamicPseudoType), nil, nil
	case "map":
		return cty.Map(cty.DynamicPseudoType), nil, nil
	}
	return typeexpr.TypeConstraintWithDefaults(expr)
}

// quotedType is the error for a type constraint written as a quoted string
// in native syntax, nil for any other expression.
func quotedType(expr hcl.Expression) *hcl.Diagnostic {
	tmpl, ok := expr.(*hclsyntax.TemplateExpr)
	if !ok || !tmpl.IsStringLiteral() {
		return nil
	}
	v, diags := tmpl.Value(nil)
	if diags.HasErrors() || v.IsNull() {
		return nil
	}
	name := v.AsString()
	d := &hcl.Diagnostic{Severity: hcl.DiagError, Subject: expr.Range().Ptr()}
	switch name {
	case "string":
		d.Summary = "Invalid quoted type constraints"
		d.Detail = `type constraints are no longer quoted (that was Terraform 0.11); write string without the quotes`
	case "list", "map":
		d.Summary = "Invalid quoted type constraints"
		d.Detail = fmt.Sprintf("type constraints are no longer quoted (that was Terraform 0.11); write %s(string) for a %s of strings", name, name)
	default:
		d.Summary = "Invalid legacy variable type hint"
		d.Detail = "a type constraint is an expression, not a string: remove the quotes around it"
	}
	return d
}

// conditionBlocks reads validation or precondition blocks. A condition
// must refer to something, as terraform requires: a constant condition
// checks nothing.
func (m *moduleConfig) conditionBlocks(blocks hcl.Blocks) []validation {
	var out []validation
	for _, b := range blocks {
		c, diags := b.Body.Content(validationSchema)
		m.diags = append(m.diags, diags...)
		if c == nil || c.Attributes["condition"] == nil {
			continue
		}
		val := validation{condition: c.Attributes["condition"].Expr, declRange: b.DefRange}
		if len(val.condition.Variables()) == 0 {
			m.diags = append(m.diags, &hcl.Diagnostic{
				Severity: hcl.DiagError, Summary: "Invalid " + b.Type + " expression",
				Detail:  "the condition refers to nothing else in the configuration, so it checks nothing",
				Subject: val.condition.Range().Ptr(),
			})
			continue
		}
		m.noteFuncs(val.condition)
		if a, ok := c.Attributes["error_message"]; ok {
			val.errorMessage = a.Expr
			m.noteFuncs(a.Expr)
		}
		out = append(out, val)
	}
	return out
}

// refersTo reports whether expr refers to root.name (var.x).
func refersTo(expr hcl.Expression, root, name string) bool {
	for _, t := range expr.Variables() {
		if n, ok := attrStep(t, 1); ok && t.RootName() == root && n == name {
			return true
		}
	}
	return false
}

// checkDefault reports a default that the variable could never take, as
// terraform does when it reads the configuration, whether or not a value
// is given: one that does not convert to the type, or null when the
// variable is not nullable. A default that is no literal is reported when
// it is evaluated.
func (m *moduleConfig) checkDefault(v *variableConfig) {
	if v.def == nil {
		return
	}
	val, diags := v.def.Value(nil)
	if diags.HasErrors() || !val.IsWhollyKnown() {
		return
	}
	var detail string
	switch {
	case val.IsNull() && !v.nullable:
		detail = "a null default is not valid when nullable = false"
	case v.hasType:
		conv, err := v.convert(val)
		if err != nil {
			detail = fmt.Sprintf("the default is not compatible with the type %s: %s", v.typ.FriendlyName(), err)
			break
		}
		v.literalDefault, v.convertedDefault = val, conv
	}
	if detail == "" {
		return
	}
	v.badDefault = true
	m.diags = append(m.diags, &hcl.Diagnostic{
		Severity: hcl.DiagError, Summary: "Invalid default value for variable", Detail: detail, Subject: v.def.Range().Ptr(),
	})
}

// constBool reads a meta-argument that Terraform requires to be a literal.
func (m *moduleConfig) constBool(a *hcl.Attribute, def bool) bool {
	if a == nil {
		return def
	}
	val, diags := a.Expr.Value(nil)
	m.diags = append(m.diags, diags...)
	var b bool
	if diags.HasErrors() || val.IsNull() || !val.IsKnown() {
		return def
	}
	if err := gocty.FromCtyValue(val, &b); err != nil {
		m.diags = append(m.diags, &hcl.Diagnostic{
			Severity: hcl.DiagError, Summary: "Invalid value", Detail: fmt.Sprintf("%s must be a bool: %s", a.Name, err), Subject: a.Expr.Range().Ptr(),
		})
		return def
	}
	return b
}

func (m *moduleConfig) addOutput(b *hcl.Block) {
	name := b.Labels[0]
	if prev, ok := m.outputs[name]; ok {
		m.diags = append(m.diags, duplicate("output", name, prev.declRange, b.DefRange))
		return
	}
	content, diags := b.Body.Content(outputSchema)
	m.diags = append(m.diags, diags...)
	o := &outputConfig{name: name, declRange: b.DefRange}
	if content != nil {
		if a, ok := content.Attributes["value"]; ok {
			o.expr = a.Expr
			m.noteFuncs(a.Expr)
		}
		o.sensitive = m.constBool(content.Attributes["sensitive"], false)
		o.ephemeral = m.constBool(content.Attributes["ephemeral"], false)
		o.preconditions = m.conditionBlocks(content.Blocks)
		if a, ok := content.Attributes["depends_on"]; ok {
			o.dependsOn = m.traversalList(a.Expr)
		}
	}
	m.outputs[name] = o
}

func (m *moduleConfig) addProvider(b *hcl.Block) {
	p := &providerConfig{name: b.Labels[0], declRange: b.DefRange}
	content, rest, diags := b.Body.PartialContent(providerSchema)
	m.diags = append(m.diags, diags...)
	if rest != nil {
		// Nested blocks (assume_role, endpoints) are Terraform's to
		// validate; the attributes beside them are still returned.
		p.attrs, _ = rest.JustAttributes()
	}
	if content != nil {
		if a, ok := content.Attributes["alias"]; ok {
			val, diags := a.Expr.Value(nil)
			m.diags = append(m.diags, diags...)
			if !diags.HasErrors() && val.Type() == cty.String && val.IsKnown() && !val.IsNull() {
				p.alias = val.AsString()
			}
		}
		for _, dt := range content.Blocks {
			c, diags := dt.Body.Content(defaultTagsSchema)
			m.diags = append(m.diags, diags...)
			if c != nil {
				if a, ok := c.Attributes["tags"]; ok {
					p.defaultTags = a.Expr
				}
			}
		}
	}
	for _, prev := range m.providers {
		if prev.addr() == p.addr() {
			m.diags = append(m.diags, duplicate("provider configuration", p.addr(), prev.declRange, p.declRange))
			return
		}
	}
	m.providers = append(m.providers, p)
}

func (m *moduleConfig) addResource(t *topBlock) {
	b := t.block
	r := &resourceConfig{
		data: b.Type == "data", typ: b.Labels[0], name: b.Labels[1],
		declRange: b.DefRange, fullRange: b.DefRange, attrs: map[string]hcl.Expression{},
	}
	if prev, ok := m.byAddr[r.addr()]; ok {
		m.diags = append(m.diags, duplicate("resource", r.addr(), prev.declRange, r.declRange))
		return
	}
	if sb, ok := b.Body.(*hclsyntax.Body); ok {
		r.fullRange = hcl.RangeBetween(b.DefRange, sb.SrcRange)
	}
	parts := m.resourceParts(b)
	for _, o := range t.overrides {
		parts.merge(m.resourceParts(o))
	}
	r.items = parts.items
	for _, it := range parts.items {
		// A nested block written as an argument is no argument: like a
		// .tf block, it is Unknown when another resource reads it.
		if it.expr != nil && !it.jsonBlocks {
			r.attrs[it.name] = it.expr
		}
	}
	if parts.count != nil {
		r.count = parts.count.Expr
	}
	if parts.forEach != nil {
		r.forEach = parts.forEach.Expr
	}
	if r.count != nil && r.forEach != nil {
		m.diags = append(m.diags, &hcl.Diagnostic{
			Severity: hcl.DiagError, Summary: `Invalid combination of "count" and "for_each"`,
			Detail: "count and for_each may not be used in the same block", Subject: r.forEach.Range().Ptr(),
		})
		r.forEach = nil
	}
	if a := parts.provider; a != nil {
		tr, diags := hcl.AbsTraversalForExpr(a.Expr)
		m.diags = append(m.diags, diags...)
		r.provider, r.provRange = tr, a.Expr.Range()
	}
	if a := parts.dependsOn; a != nil {
		r.dependsOn = m.traversalList(a.Expr)
	}
	r.lifecycle = parts.lifecycle
	if r.lifecycle != nil {
		r.preconditions, r.postconditions = m.lifecycleConditions(r.lifecycle)
	}
	m.resources = append(m.resources, r)
	m.byAddr[r.addr()] = r
}

// addEphemeral declares an ephemeral resource. Its value comes from its
// provider, when terraform opens it: rampart has none, so references to
// it are Unknown and ephemeral.
func (m *moduleConfig) addEphemeral(b *hcl.Block) {
	addr := "ephemeral." + b.Labels[0] + "." + b.Labels[1]
	if m.ephemerals == nil {
		m.ephemerals = map[string]hcl.Range{}
	}
	if prev, ok := m.ephemerals[addr]; ok {
		m.diags = append(m.diags, duplicate("ephemeral resource", addr, prev, b.DefRange))
		return
	}
	m.ephemerals[addr] = b.DefRange
}

// addCheck reads a check block. Its scoped data sources are only names
// for its assertions: rampart reads no data source, so they are Unknown.
func (m *moduleConfig) addCheck(b *hcl.Block) {
	content, diags := b.Body.Content(checkSchema)
	m.diags = append(m.diags, diags...)
	if content == nil {
		return
	}
	c := &checkConfig{name: b.Labels[0], scoped: map[string]bool{}}
	for _, d := range content.Blocks.OfType("data") {
		c.scoped["data."+d.Labels[0]+"."+d.Labels[1]] = true
	}
	c.asserts = m.conditionBlocks(content.Blocks.OfType("assert"))
	if len(c.asserts) == 0 {
		// As terraform counts them: an assert block whose condition
		// refers to nothing does not count.
		m.diags = append(m.diags, &hcl.Diagnostic{
			Severity: hcl.DiagError, Summary: "Zero assert blocks",
			Detail: fmt.Sprintf("check %q has no assert block that checks something", c.name), Subject: b.DefRange.Ptr(),
		})
	}
	m.checks = append(m.checks, c)
}

// lifecycleConditionSchema picks the condition blocks out of a resource's
// lifecycle block; its other settings are read where they are used.
var lifecycleConditionSchema = &hcl.BodySchema{
	Blocks: []hcl.BlockHeaderSchema{{Type: "precondition"}, {Type: "postcondition"}},
}

// lifecycleConditions reads the precondition and postcondition blocks of a
// resource's lifecycle block.
func (m *moduleConfig) lifecycleConditions(b *hcl.Block) (pre, post []validation) {
	content, _, diags := b.Body.PartialContent(lifecycleConditionSchema)
	m.diags = append(m.diags, diags...)
	if content == nil {
		return nil, nil
	}
	return m.conditionBlocks(content.Blocks.OfType("precondition")), m.conditionBlocks(content.Blocks.OfType("postcondition"))
}

// traversalList reads depends_on-style lists of static references.
func (m *moduleConfig) traversalList(expr hcl.Expression) []hcl.Traversal {
	exprs, diags := hcl.ExprList(expr)
	m.diags = append(m.diags, diags...)
	var out []hcl.Traversal
	for _, e := range exprs {
		t, diags := hcl.AbsTraversalForExpr(e)
		m.diags = append(m.diags, diags...)
		if !diags.HasErrors() {
			out = append(out, t)
		}
	}
	return out
}

func (m *moduleConfig) addCall(b *hcl.Block) {
	c := &moduleCall{name: b.Labels[0], declRange: b.DefRange, args: map[string]*hcl.Attribute{}, providers: map[string]string{}}
	if _, ok := m.callByName[c.name]; ok {
		m.diags = append(m.diags, duplicate("module call", c.name, m.callByName[c.name].declRange, c.declRange))
		return
	}
	attrs, diags := b.Body.JustAttributes()
	m.diags = append(m.diags, diags...)
	for name, a := range attrs {
		switch name {
		case "source":
			val, diags := a.Expr.Value(nil)
			m.diags = append(m.diags, diags...)
			if !diags.HasErrors() && val.Type() == cty.String && val.IsKnown() && !val.IsNull() {
				c.source = val.AsString()
			} else if !diags.HasErrors() {
				m.diags = append(m.diags, &hcl.Diagnostic{
					Severity: hcl.DiagError, Summary: "Invalid module source", Detail: "source must be a literal string", Subject: a.Expr.Range().Ptr(),
				})
			}
			c.sourceRange = a.Expr.Range()
		case "version":
		case "depends_on":
			c.dependsOn = m.traversalList(a.Expr)
		case "count":
			c.count = a.Expr
		case "for_each":
			c.forEach = a.Expr
		case "providers":
			c.providers = m.providerMap(a.Expr)
		default:
			c.args[name] = a
			m.noteFuncs(a.Expr)
		}
	}
	if _, ok := attrs["source"]; !ok && !diags.HasErrors() {
		m.diags = append(m.diags, &hcl.Diagnostic{
			Severity: hcl.DiagError, Summary: "Missing module source",
			Detail: fmt.Sprintf("module %q has no source argument", c.name), Subject: b.DefRange.Ptr(),
		})
	}
	m.calls = append(m.calls, c)
	m.callByName[c.name] = c
}

// providerMap reads a module call's providers = { aws = aws.west }.
func (m *moduleConfig) providerMap(expr hcl.Expression) map[string]string {
	out := map[string]string{}
	pairs, diags := hcl.ExprMap(expr)
	m.diags = append(m.diags, diags...)
	for _, kv := range pairs {
		k, d1 := hcl.AbsTraversalForExpr(kv.Key)
		v, d2 := hcl.AbsTraversalForExpr(kv.Value)
		m.diags = append(m.diags, d1...)
		m.diags = append(m.diags, d2...)
		if len(d1)+len(d2) == 0 {
			out[traversalName(k)] = traversalName(v)
		}
	}
	return out
}

// traversalName renders a static traversal of attribute steps as
// "aws.west".
func traversalName(t hcl.Traversal) string {
	var parts []string
	for _, step := range t {
		switch s := step.(type) {
		case hcl.TraverseRoot:
			parts = append(parts, s.Name)
		case hcl.TraverseAttr:
			parts = append(parts, s.Name)
		}
	}
	return strings.Join(parts, ".")
}
