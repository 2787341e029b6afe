package terraform

import (
	"fmt"
	"sort"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// topBlock is a top-level block of an ordinary file together with the
// blocks of override files that merge into it, in the order Terraform
// applies them.
type topBlock struct {
	block     *hcl.Block
	overrides []*hcl.Block
}

// body is the block's body with its overrides merged in, for the blocks
// whose arguments and nested blocks are read through a schema (variable,
// output, provider, module).
func (t *topBlock) body() hcl.Body {
	b := t.block.Body
	for _, o := range t.overrides {
		b = mergedBody{base: b, over: o.Body}
	}
	return b
}

// merged returns the block with the merged body; its ranges stay the
// original's, so declarations are located where they were first written.
func (t *topBlock) merged() *hcl.Block {
	if len(t.overrides) == 0 {
		return t.block
	}
	c := *t.block
	c.Body = t.body()
	return &c
}

// blockKey names what an override block merges into: the block type and
// labels, with the alias for provider configurations as Terraform keys
// them. Blocks that cannot be overridden give "".
func blockKey(b *hcl.Block) string {
	switch b.Type {
	case "resource", "data", "module", "variable", "output":
		key := b.Type
		for _, l := range b.Labels {
			key += "." + l
		}
		return key
	case "provider":
		key := "provider." + b.Labels[0]
		if alias := providerAlias(b); alias != "" {
			key += "." + alias
		}
		return key
	}
	return ""
}

// providerAlias reads a provider block's literal alias without reporting
// anything: addProvider reports the problems once the block is merged.
func providerAlias(b *hcl.Block) string {
	content, _, _ := b.Body.PartialContent(providerSchema)
	if content == nil {
		return ""
	}
	a, ok := content.Attributes["alias"]
	if !ok {
		return ""
	}
	v, diags := a.Expr.Value(nil)
	if diags.HasErrors() || !v.IsKnown() || v.IsNull() || !v.Type().Equals(cty.String) {
		return ""
	}
	return v.AsString()
}

// describe names a block for diagnostics: resource "aws_vpc" "main".
func describe(b *hcl.Block) string {
	s := b.Type
	for _, l := range b.Labels {
		s += fmt.Sprintf(" %q", l)
	}
	return s
}

// addOverrideFile merges the top-level blocks of one override file into the
// module, the way Terraform does after reading every ordinary file.
func (m *moduleConfig) addOverrideFile(f *hcl.File) {
	content, diags := f.Body.Content(topSchema)
	m.diags = append(m.diags, diags...)
	if content == nil {
		return
	}
	for _, b := range content.Blocks {
		switch b.Type {
		case "locals":
			attrs, diags := b.Body.JustAttributes()
			m.diags = append(m.diags, diags...)
			for _, a := range sortedAttrs(attrs) {
				if _, ok := m.locals[a.Name]; !ok {
					m.diags = append(m.diags, missingBase(fmt.Sprintf("local value %q", a.Name), a.NameRange))
					continue
				}
				m.locals[a.Name] = a
				m.noteFuncs(a.Expr)
			}
		case "terraform", "check", "ephemeral":
			// Settings of the terraform block merge per setting and
			// replace nothing rampart evaluates; check and ephemeral
			// blocks are not evaluated either.
		case "moved", "import", "removed":
			m.diags = append(m.diags, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  fmt.Sprintf("Cannot override %q blocks", b.Type),
				Detail:   fmt.Sprintf("%s blocks can appear only in ordinary configuration files, not in override files", b.Type),
				Subject:  b.DefRange.Ptr(),
			})
		default:
			t, ok := m.blockIndex[blockKey(b)]
			if !ok {
				m.diags = append(m.diags, missingBase(describe(b), b.DefRange))
				continue
			}
			if b.Type == "resource" || b.Type == "data" || b.Type == "output" {
				m.refuseDependsOn(b)
			}
			t.overrides = append(t.overrides, b)
		}
	}
}

var dependsOnSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "depends_on"}}}

// refuseDependsOn reports depends_on in an override of a resource or an
// output, which Terraform does not allow; the original's depends_on stays.
func (m *moduleConfig) refuseDependsOn(b *hcl.Block) {
	content, _, _ := b.Body.PartialContent(dependsOnSchema)
	if content == nil {
		return
	}
	if a, ok := content.Attributes["depends_on"]; ok {
		m.diags = append(m.diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Unsupported override",
			Detail:   fmt.Sprintf("depends_on cannot be overridden; the override of %s leaves the original's in place", describe(b)),
			Subject:  a.NameRange.Ptr(),
		})
	}
}

func missingBase(what string, at hcl.Range) *hcl.Diagnostic {
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "Missing base block for override",
		Detail:   fmt.Sprintf("an override file can only change what an ordinary file of the module declares, and no ordinary file declares %s", what),
		Subject:  at.Ptr(),
	}
}

func sortedAttrs(attrs hcl.Attributes) []*hcl.Attribute {
	out := make([]*hcl.Attribute, 0, len(attrs))
	for _, a := range attrs {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Range.Start.Byte < out[j].Range.Start.Byte })
	return out
}

// mergedBody is a block body with an override body merged in: each
// argument of the override replaces the base's argument of that name, and
// the override's nested blocks of one type replace every base block of
// that type. Both bodies are decoded with the same schema, the override's
// with nothing required, since an override need only name what it changes.
type mergedBody struct {
	base, over hcl.Body
}

var _ hcl.Body = mergedBody{}

func relaxed(schema *hcl.BodySchema) *hcl.BodySchema {
	c := &hcl.BodySchema{Blocks: schema.Blocks}
	for _, a := range schema.Attributes {
		c.Attributes = append(c.Attributes, hcl.AttributeSchema{Name: a.Name})
	}
	return c
}

func (b mergedBody) Content(schema *hcl.BodySchema) (*hcl.BodyContent, hcl.Diagnostics) {
	base, diags := b.base.Content(schema)
	over, odiags := b.over.Content(relaxed(schema))
	return mergeContent(base, over), append(diags, odiags...)
}

func (b mergedBody) PartialContent(schema *hcl.BodySchema) (*hcl.BodyContent, hcl.Body, hcl.Diagnostics) {
	base, baseRemain, diags := b.base.PartialContent(schema)
	over, overRemain, odiags := b.over.PartialContent(relaxed(schema))
	return mergeContent(base, over), mergedBody{base: baseRemain, over: overRemain}, append(diags, odiags...)
}

func (b mergedBody) JustAttributes() (hcl.Attributes, hcl.Diagnostics) {
	base, diags := b.base.JustAttributes()
	over, odiags := b.over.JustAttributes()
	out := make(hcl.Attributes, len(base)+len(over))
	for n, a := range base {
		out[n] = a
	}
	for n, a := range over {
		out[n] = a
	}
	return out, append(diags, odiags...)
}

func (b mergedBody) MissingItemRange() hcl.Range { return b.base.MissingItemRange() }

func mergeContent(base, over *hcl.BodyContent) *hcl.BodyContent {
	if base == nil {
		base = &hcl.BodyContent{}
	}
	if over == nil {
		return base
	}
	out := &hcl.BodyContent{
		Attributes:       hcl.Attributes{},
		MissingItemRange: base.MissingItemRange,
	}
	for n, a := range base.Attributes {
		out.Attributes[n] = a
	}
	for n, a := range over.Attributes {
		out.Attributes[n] = a
	}
	replaced := map[string]bool{}
	for _, blk := range over.Blocks {
		replaced[blk.Type] = true
	}
	for _, blk := range base.Blocks {
		if !replaced[blk.Type] {
			out.Blocks = append(out.Blocks, blk)
		}
	}
	out.Blocks = append(out.Blocks, over.Blocks...)
	return out
}

// resItem is one item of a block body: an argument (from a .tf or .tf.json
// file), a nested or dynamic block of a .tf file, or a dynamic block of a
// .tf.json file. name is the argument name or the block type (the label of
// a dynamic block); pos orders the items of one file.
type resItem struct {
	name  string
	pos   int
	expr  hcl.Expression
	block *hclsyntax.Block
	jdyn  *hcl.Block
	// jsonBlocks marks a .tf.json argument that holds nested blocks with
	// dynamic blocks inside (jsonNestedBlocks).
	jsonBlocks bool
}

// resParts is what one resource block (an original or an override)
// configures.
type resParts struct {
	count, forEach *hcl.Attribute
	provider       *hcl.Attribute
	dependsOn      *hcl.Attribute
	lifecycle      *hcl.Block
	items          []resItem
}

// resourceParts splits a resource body into meta-arguments and the items
// that become Attrs, in source order.
func (m *moduleConfig) resourceParts(b *hcl.Block) *resParts {
	p := &resParts{}
	content, remain, diags := b.Body.PartialContent(resourceMetaSchema)
	m.diags = append(m.diags, diags...)
	if content != nil {
		p.count = content.Attributes["count"]
		p.forEach = content.Attributes["for_each"]
		p.provider = content.Attributes["provider"]
		p.dependsOn = content.Attributes["depends_on"]
		for _, blk := range content.Blocks {
			if blk.Type == "lifecycle" {
				p.lifecycle = blk
			}
		}
	}
	if sb, ok := b.Body.(*hclsyntax.Body); ok {
		m.noteBodyFuncs(sb)
		for _, it := range syntaxItems(sb) {
			switch {
			case it.expr != nil && resourceMeta[it.name]:
			case it.block != nil && resourceMetaBlocks[it.block.Type]:
			default:
				p.items = append(p.items, it)
			}
		}
		return p
	}
	attrs, diags := remain.JustAttributes()
	m.diags = append(m.diags, diags...)
	var blocks hcl.Blocks
	if content != nil {
		blocks = content.Blocks
	}
	p.items = jsonItems(attrs, blocks)
	return p
}

// merge applies an override to the parts of the original: arguments and
// the count, for_each and provider meta-arguments replace, lifecycle merges per argument, and the override's
// items of one name replace every original item of that name (a dynamic
// "x" being a block of type x), at the place of the first of them.
func (p *resParts) merge(o *resParts) {
	if o.count != nil {
		p.count = o.count
	}
	if o.forEach != nil {
		p.forEach = o.forEach
	}
	if o.provider != nil {
		p.provider = o.provider
	}
	// depends_on is not overridden: addOverrideFile reported it.
	if o.lifecycle != nil {
		if p.lifecycle == nil {
			p.lifecycle = o.lifecycle
		} else {
			c := *p.lifecycle
			c.Body = mergedBody{base: p.lifecycle.Body, over: o.lifecycle.Body}
			p.lifecycle = &c
		}
	}
	byName := map[string][]resItem{}
	var order []string
	for _, it := range o.items {
		if _, ok := byName[it.name]; !ok {
			order = append(order, it.name)
		}
		byName[it.name] = append(byName[it.name], it)
	}
	var items []resItem
	placed := map[string]bool{}
	for _, it := range p.items {
		repl, ok := byName[it.name]
		if !ok {
			items = append(items, it)
			continue
		}
		if !placed[it.name] {
			placed[it.name] = true
			items = append(items, repl...)
		}
	}
	for _, n := range order {
		if !placed[n] {
			items = append(items, byName[n]...)
		}
	}
	p.items = items
}
