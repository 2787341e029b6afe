package cloudformation

//go:generate go run -tags cfnschema ../../internal/cfnschema -o schema.txt

import (
	_ "embed"
	"sort"
	"strings"
	"sync"

	"github.com/agext/levenshtein"
	"github.com/rampart-iac/rampart/analyzer/graph"
)

// schemaText is the resource-schema table internal/cfnschema generates from
// the CloudFormation resource provider schemas (as cfn-lint ships them), the
// AWS SAM specification and goformation (see that command for the format
// and the order of the sources).
//
//go:embed schema.txt
var schemaText string

// schemaVersion names the sources of the table in messages; the table's
// "# Sources:" header line says the same (a test checks).
const schemaVersion = "cfn-lint 1.51.0 provider schemas, SAM translator 1.110.0, goformation v7.14.9"

// typeSchema lists the properties of a resource or property type.
type typeSchema struct {
	props map[string]propSchema
	names []string // sorted, for suggestions
	open  bool     // keys besides props are valid too: only props are checked
}

// propSchema says what a property holds when it is a nested property type.
type propSchema struct {
	nested string // property type name, "" for scalars and free-form values
	isMap  bool   // a map from user-chosen names to nested
}

// schemaIndex is the table, parsed lazily: a type's line is found by
// binary search, the generator writing the lines sorted by kind and name
// (TestSchemaTableSorted), and its properties are parsed the first time a
// template uses it. A one-file scan reads the lines of the few types it
// names; indexing the table's 10,000 lines took one 5 ms.
type schemaIndex struct {
	text      string
	resources sync.Map // resource type -> *typeSchema, once parsed
	types     sync.Map // property type -> *typeSchema, once parsed
}

// loadSchema returns the embedded table's index, shared by concurrent
// parses.
var loadSchema = sync.OnceValue(func() *schemaIndex { return &schemaIndex{text: schemaText} })

// line returns the rest of the table line of the type name of a kind ("R"
// for a resource type, "P" for a property type) after its name.
func (idx *schemaIndex) line(kind, name string) (string, bool) {
	key := kind + " " + name
	text := idx.text
	// text[lo:hi] holds whole lines, the one sought among them if anywhere.
	lo, hi := 0, len(text)
	for lo < hi {
		mid := lo + (hi-lo)/2
		start := lo + strings.LastIndexByte(text[lo:mid], '\n') + 1
		end := len(text)
		if i := strings.IndexByte(text[start:], '\n'); i >= 0 {
			end = start + i
		}
		line := strings.TrimSuffix(text[start:end], "\r")
		lineKey, rest := line, ""
		if i := strings.IndexByte(line[min(2, len(line)):], ' '); i >= 0 {
			lineKey, rest = line[:2+i], line[2+i+1:]
		}
		switch c := strings.Compare(lineKey, key); {
		case c == 0:
			return rest, true
		case c < 0:
			lo = end + 1
		default:
			hi = start
		}
	}
	return "", false
}

// resource returns the schema of a resource type, nil when the table does
// not have the type.
func (idx *schemaIndex) resource(name string) *typeSchema {
	return idx.lookup(&idx.resources, "R", name)
}

// propertyType returns the schema of a property type such as
// AWS::EC2::SecurityGroup.Ingress, nil when the table does not have it.
func (idx *schemaIndex) propertyType(name string) *typeSchema {
	return idx.lookup(&idx.types, "P", name)
}

func (idx *schemaIndex) lookup(cache *sync.Map, kind, name string) *typeSchema {
	if ts, ok := cache.Load(name); ok {
		return ts.(*typeSchema)
	}
	line, ok := idx.line(kind, name)
	if !ok {
		return nil
	}
	// Two parses racing on a type store equal values; the first one wins.
	ts, _ := cache.LoadOrStore(name, parseTypeLine(name, line))
	return ts.(*typeSchema)
}

// parseTypeLine parses the properties of type name from its table line.
func parseTypeLine(name, line string) *typeSchema {
	owner, _, _ := strings.Cut(name, ".")
	fields := strings.Fields(line)
	ts := &typeSchema{props: make(map[string]propSchema, len(fields))}
	for _, f := range fields {
		if f == "*" {
			ts.open = true
			continue
		}
		prop, nested, isMap := f, "", false
		if i := strings.IndexAny(f, "=~"); i >= 0 {
			prop, nested, isMap = f[:i], f[i+1:], f[i] == '~'
			if strings.HasPrefix(nested, ".") {
				nested = owner + nested
			}
		}
		ts.props[prop] = propSchema{nested: nested, isMap: isMap}
		ts.names = append(ts.names, prop)
	}
	sort.Strings(ts.names)
	return ts
}

// isCustomType reports whether a type not in the table is one CloudFormation
// users define themselves: Custom::*, or a registry or module type
// (Org::Service::Type, Org::Service::Type::MODULE) outside the AWS and Alexa
// namespaces.
func isCustomType(t string) bool {
	if strings.HasPrefix(t, "Custom::") {
		return true
	}
	parts := strings.Split(t, "::")
	if len(parts) < 3 || parts[0] == "AWS" || parts[0] == "Alexa" {
		return false
	}
	for _, p := range parts {
		if p == "" {
			return false
		}
	}
	return true
}

// checkSchema warns about an unknown resource type and about property names
// that are not in the type's model, with a suggestion.
func (st *stack) checkSchema(e *resEntry, props *node) {
	if st.macro || e.typ == "AWS::CloudFormation::CustomResource" || isCustomType(e.typ) {
		return
	}
	full := st.fullID(e.id)
	ts := st.p.schema.resource(e.typ)
	if ts == nil {
		if st.cfnLintIgnores(e, "E3006") {
			return
		}
		d := graph.Diagnostic{
			Severity: graph.SeverityWarning,
			Location: e.body.get("Type").loc,
			Resource: full,
		}
		if strings.HasPrefix(e.typ, "AWS::") || strings.HasPrefix(e.typ, "Alexa::") {
			// Types get a stricter bound than properties: a new type often
			// sits close to an old one (DomainNameV2, DomainName).
			if s := suggestWithin(e.typ, resourceNames(st.p.schema), 2); s != "" {
				d.Summary = "unknown resource type " + e.typ + "; did you mean " + s + "?"
				d.Detail = "not in rampart's schema table (" + schemaVersion + "): misspelled, or added to CloudFormation since; its properties are not checked"
			} else {
				// Nothing close to it: far more likely a type newer than
				// the table than a typo, and a warning would be false.
				d.Severity = graph.SeverityNote
				d.Summary = "resource type " + e.typ + " is newer than rampart's schema table; its properties are not checked"
				d.Detail = "schema table: " + schemaVersion
			}
		} else {
			d.Summary = "unknown resource type " + e.typ
			d.Detail = "a type is AWS::Service::Resource, Custom::Name, or a registry type Org::Service::Resource"
		}
		*st.p.diags = append(*st.p.diags, d)
		return
	}
	if props == nil || props.kind != nMap || st.cfnLintIgnores(e, "E3002") {
		return
	}
	st.checkProps(full, e.typ, ts, props, graph.Path{}, 0)
}

// cfnLintIgnores reports whether the template or resource e tells cfn-lint
// to skip rule (Metadata: cfn-lint: config: ignore_checks, where an entry
// also covers the rules it is a prefix of). Templates that use a type or
// property newer than cfn-lint's bundled schemas, which rampart's table
// comes from, say so this way: cfn-lint's E3006 is rampart's unknown type
// warning and E3002 its unknown property warning.
func (st *stack) cfnLintIgnores(e *resEntry, rule string) bool {
	for _, meta := range []*node{st.root.get("Metadata"), e.body.get("Metadata")} {
		checks := meta.get("cfn-lint").get("config").get("ignore_checks")
		if checks == nil {
			continue
		}
		ids := checks.list
		if checks.kind != nList {
			ids = []*node{checks}
		}
		for _, c := range ids {
			if id, ok := c.scalarString(); ok && id != "" && strings.HasPrefix(rule, id) {
				return true
			}
		}
	}
	return false
}

func (st *stack) checkProps(res, typeName string, ts *typeSchema, n *node, path graph.Path, depth int) {
	if depth > 32 {
		return
	}
	for i, k := range n.keys {
		if strings.HasPrefix(k.name, "Fn::") || k.name == "Ref" {
			continue // an intrinsic or a Fn::ForEach loop: keys are not literal
		}
		ps, ok := ts.props[k.name]
		if !ok && ts.open {
			continue // additionalProperties or patternProperties: any key is valid
		}
		if !ok {
			d := graph.Diagnostic{
				Severity: graph.SeverityWarning,
				Summary:  quoted(k.name) + " is not a property of " + typeName,
				Location: k.loc,
				Resource: res,
				Path:     path.Append(k.name),
			}
			if s := suggest(k.name, ts.names); s != "" {
				d.Summary += "; did you mean " + s + "?"
			}
			d.Detail = "checked against rampart's schema table (" + schemaVersion + "); a property added since is reported too"
			*st.p.diags = append(*st.p.diags, d)
			continue
		}
		if ps.nested == "" {
			continue
		}
		sub := st.p.schema.propertyType(ps.nested)
		if sub == nil {
			continue
		}
		v := n.vals[i]
		p := path.Append(k.name)
		switch {
		case ps.isMap && v.kind == nMap:
			for j, mk := range v.keys {
				if item := v.vals[j]; item.kind == nMap && !isCall(item) {
					st.checkProps(res, ps.nested, sub, item, p.Append(mk.name), depth+1)
				}
			}
		case v.kind == nMap && !isCall(v):
			st.checkProps(res, ps.nested, sub, v, p, depth+1)
		case v.kind == nList:
			for j, item := range v.list {
				if item.kind == nMap && !isCall(item) {
					st.checkProps(res, ps.nested, sub, item, p.Append(j), depth+1)
				}
			}
		}
	}
}

// isCall reports whether n is an intrinsic function call.
func isCall(n *node) bool {
	fn, _, ok := n.single()
	return ok && (isIntrinsic(fn) || fn == "Condition")
}

// resourceNames are the resource types of the table, sorted.
func resourceNames(idx *schemaIndex) []string {
	var out []string
	for line := range strings.Lines(idx.text) {
		if rest, ok := strings.CutPrefix(line, "R "); ok {
			name, _, _ := strings.Cut(strings.TrimRight(rest, "\r\n"), " ")
			out = append(out, name)
		}
	}
	return out
}

// suggest returns the candidate closest to name: a case-insensitive match,
// else the nearest by edit distance when it is close enough to be a typo.
func suggest(name string, candidates []string) string {
	return suggestWithin(name, candidates, max(2, len(name)/4))
}

// suggestWithin is suggest with an explicit edit-distance bound.
func suggestWithin(name string, candidates []string, limit int) string {
	best, bestDist := "", 0
	for _, c := range candidates {
		if strings.EqualFold(c, name) {
			return c
		}
		d := levenshtein.Distance(strings.ToLower(name), strings.ToLower(c), nil)
		if d <= limit && (best == "" || d < bestDist) {
			best, bestDist = c, d
		}
	}
	return best
}

// unknownAttribute warns about a resource attribute CloudFormation does not
// have (a misplaced Propertis), unless a macro that may define it
// transforms the template.
func (st *stack) unknownAttribute(id string, k mapKey) {
	if st.macro {
		return
	}
	st.p.diags.Warnf(k.loc, "resource %s: unknown resource attribute %q", id, k.name)
}
