package aws

import (
	"encoding/base64"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/secrets"
)

// Canonical kind aws.template.strings: the strings of a unit that have
// the shape of a credential, wherever the templates hold them (resource
// attributes, decoded user data, parameter and variable defaults, tfvars
// values, locals, outputs, provider arguments, mappings). One resource per
// unit, built only when the unit has such a string.
const kindTemplateStrings = "aws.template.strings"

// templateType is the native type of the template itself. The front-ends
// never produce a resource of it; a unit's strings outside its resources
// come in graph.Unit.Values. A resource of this type (the registry's
// examples) stands for the template: each of its attributes is a holder.
const templateType = "template"

type templateStringsMapper struct{}

func (templateStringsMapper) kind() string { return kindTemplateStrings }

func (templateStringsMapper) normalize(idx *unitIndex) []*graph.Canonical {
	u := idx.unit
	native, own := templateResource(u)
	c := stringCollector{strs: graph.Map(native.Loc), seen: map[stringOrigin]bool{}}
	for _, v := range u.Values {
		c.holder = qualified(v.Module, v.Holder)
		c.walk(c.holder, lastName(v.Holder), v.Value, false)
	}
	for _, k := range native.Attrs.Keys {
		c.holder = k
		c.walk(k, lastName(k), native.Attrs.Fields[k], false)
	}
	for _, r := range u.Resources {
		if idx.stopped() {
			return nil
		}
		if r.DataSource || r.Type == templateType {
			continue
		}
		c.holder = r.ID
		for _, k := range r.Attrs.Keys {
			c.walk(r.ID+"."+k, k, r.Attrs.Fields[k], false)
		}
		if md := r.Meta["Metadata"]; md != nil {
			c.walk(r.ID+".Metadata", "Metadata", md, false)
		}
	}
	if len(c.strs.Keys) == 0 && !own {
		return nil
	}
	p := props(native)
	p.Set("strings", c.strs)
	return []*graph.Canonical{{ID: native.ID, Native: native, Props: p}}
}

// templateResource is the native resource the unit's strings hang on: the
// unit's own resource of type template when it has one (own), else one
// made for the unit, located at its first file.
func templateResource(u *graph.Unit) (r *graph.Resource, own bool) {
	for _, r := range u.Resources {
		if r.Type == templateType && !r.DataSource {
			return r, true
		}
	}
	file := u.Path
	if len(u.Files) > 0 {
		file = u.Files[0]
	}
	loc := graph.Location{File: file, StartLine: 1, EndLine: 1}
	return &graph.Resource{ID: templateType, Type: templateType, Source: u.Source, Loc: loc, Attrs: graph.Map(loc)}, false
}

func qualified(module, holder string) string {
	switch {
	case module == "":
		return holder
	case strings.HasSuffix(module, "/"):
		return module + holder
	default:
		return module + "." + holder
	}
}

func lastName(holder string) string {
	holder = strings.TrimSuffix(holder, ".default")
	holder = strings.TrimSuffix(holder, ".Default")
	return holder[strings.LastIndexByte(holder, '.')+1:]
}

// stringOrigin is where a string was first written: a variable's default
// read by three resources is one string, reported once.
type stringOrigin struct {
	loc graph.Location
	s   string
}

type stringCollector struct {
	// holder names the resource or template part being walked.
	holder string
	strs   *graph.Value
	seen   map[stringOrigin]bool
}

// walk visits v, held at path under key (the name it is assigned to),
// adding every credential-shaped string.
func (c *stringCollector) walk(path, key string, v *graph.Value, decoded bool) {
	if v == nil {
		return
	}
	if v.Decoded != nil {
		// A string jsonencode built: its tree has the keys and lines.
		c.walk(path, key, v.Decoded, decoded)
		return
	}
	switch v.Kind {
	case graph.KindString:
		c.add(path, key, v, decoded)
		if text, ok := base64Text(v.Str); ok && !decoded {
			d := graph.String(text, v.Loc)
			d.Trace = append(append(graph.Trace(nil), v.Trace...), graph.Hop{Location: v.Loc, Note: "decoded from base64"})
			c.add(path+"(base64-decoded)", key, d, true)
		}
	case graph.KindList:
		for i, e := range v.List {
			c.walk(path+"["+strconv.Itoa(i)+"]", key, e, decoded)
		}
	case graph.KindMap:
		for _, k := range v.Keys {
			c.walk(path+"."+k, entryName(v, k), v.Fields[k], decoded)
		}
	}
}

// entryName is the name a map entry's value is assigned to: the key, or
// for the value of a {Name, Value} pair (an ECS container's environment,
// CloudFormation tags) the pair's name.
func entryName(m *graph.Value, key string) string {
	if !strings.EqualFold(key, "value") {
		return key
	}
	for _, nk := range []string{"Name", "name", "Key", "key"} {
		if n := m.Get(nk); n != nil && n.Kind == graph.KindString {
			return n.Str
		}
	}
	return key
}

func (c *stringCollector) add(path, key string, v *graph.Value, decoded bool) {
	if !secrets.Candidate(v.Str) {
		return
	}
	origin := stringOrigin{v.Loc, v.Str}
	if len(v.Trace) > 0 {
		origin.loc = v.Trace[0].Location
	}
	if c.seen[origin] {
		return
	}
	c.seen[origin] = true
	e := graph.Map(v.Loc)
	e.Set("value", v)
	e.Set("key", graph.String(key, v.Loc))
	e.Set("holder", graph.String(c.holder, v.Loc))
	e.Set("decoded", graph.Bool(decoded, v.Loc))
	c.strs.Set(path, e)
}

// base64Text decodes s when it is wholly base64 of text (user data given
// as user_data_base64, or Fn::Base64 of a literal), else reports false.
func base64Text(s string) (string, bool) {
	if len(s) < 24 || len(s)%4 != 0 || strings.ContainsAny(s, " \n\t") {
		return "", false
	}
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil || !utf8.Valid(b) {
		return "", false
	}
	text := string(b)
	for _, r := range text {
		if !unicode.IsPrint(r) && !unicode.IsSpace(r) {
			return "", false
		}
	}
	return text, true
}
