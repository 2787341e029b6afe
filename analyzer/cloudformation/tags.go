package cloudformation

import (
	"strings"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// CloudFormation applies the tags of a nested stack (the Tags of its
// AWS::CloudFormation::Stack resource) to every resource of the nested stack
// that supports tags; a resource's own tag with the same key wins. Since a
// nested stack resource is itself taggable, its merged tags pass on to the
// stacks nested below it.

// stackTag is one tag a nested stack's resources inherit.
type stackTag struct {
	key string
	// entry is the tag as written on the stack resource: {Key, Value} or,
	// for a map of tags (AWS::Serverless::Application), the value.
	entry *graph.Value
	value *graph.Value
}

// inheritedTags reads the tags a nested stack resource passes to its
// resources. Tags whose key is not known are left out: which tag of a
// resource they would override is not known either.
func inheritedTags(tags *graph.Value) []stackTag {
	var out []stackTag
	switch {
	case tags == nil:
	case tags.Kind == graph.KindList:
		for _, t := range tags.List {
			key, ok := t.Get("Key").AsString()
			if t.Kind != graph.KindMap || !ok || t.Get("Key").IsUnknown() || t.Get("Value") == nil {
				continue
			}
			out = append(out, stackTag{key: key, entry: t, value: t.Get("Value")})
		}
	case tags.Kind == graph.KindMap:
		for _, k := range tags.Keys {
			v := tags.Fields[k]
			out = append(out, stackTag{key: k, entry: v, value: v})
		}
	}
	return out
}

// tagShape says how a resource type holds its Tags: a list of {Key, Value},
// a map of key to value, or neither (no Tags, or a Tags property that is
// something else, such as a filter).
type tagShape int

const (
	tagsNone tagShape = iota
	tagsList
	tagsMap
)

// tagShapeOf reads a type's Tags from the schema table: the property type
// Tag (or Owner.Tag) is a list of {Key, Value}; a free-form Tags (no
// property type) is a map, as for AWS::SSM::Parameter.
func (st *stack) tagShapeOf(typ string) tagShape {
	ts := st.p.schema.resource(typ)
	if ts == nil {
		return tagsNone
	}
	ps, ok := ts.props["Tags"]
	switch {
	case !ok:
		return tagsNone
	case ps.nested == "Tag" || strings.HasSuffix(ps.nested, ".Tag"):
		return tagsList
	case ps.nested == "" && !ps.isMap:
		return tagsMap
	}
	return tagsNone
}

// propagateTags adds the nested stack's tags to a resource's Tags. A tag is
// located where the stack resource writes it, with a hop naming the stack.
// Own Tags that are Unknown, or have a key that is Unknown, are left alone:
// which inherited tags they override is not known.
func (st *stack) propagateTags(e *resEntry, attrs *graph.Value) {
	if len(st.tags) == 0 {
		return
	}
	shape := st.tagShapeOf(e.typ)
	if shape == tagsNone {
		return
	}
	own := attrs.Get("Tags")
	if own.IsUnknown() {
		return
	}
	have := map[string]bool{}
	switch {
	case own == nil:
	case shape == tagsList && own.Kind == graph.KindList:
		for _, t := range own.List {
			key, ok := t.Get("Key").AsString()
			if !ok || t.Get("Key").IsUnknown() {
				return
			}
			have[key] = true
		}
	case shape == tagsMap && own.Kind == graph.KindMap:
		for _, k := range own.Keys {
			have[k] = true
		}
	default:
		return // a shape the type does not have: the schema check warns
	}
	note := "tag of nested stack " + strings.TrimSuffix(st.prefix, "/") + ", which CloudFormation applies to its resources"
	var merged *graph.Value
	if own != nil {
		merged = own.Copy()
	} else if shape == tagsList {
		merged = graph.List(nil, st.tagsLoc)
	} else {
		merged = graph.Map(st.tagsLoc)
	}
	for _, t := range st.tags {
		if have[t.key] {
			continue
		}
		hop := graph.Hop{Location: st.tagsLoc, Note: note}
		if shape == tagsList {
			keyLoc := t.entry.Loc
			if k := t.entry.Get("Key"); k != nil {
				keyLoc = k.Loc
			}
			entry := graph.Map(t.entry.Loc)
			entry.Set("Key", graph.String(t.key, keyLoc).WithHop(hop))
			entry.Set("Value", t.value.WithHop(hop))
			merged.List = append(merged.List, entry.WithHop(hop))
		} else {
			merged.Set(t.key, t.value.WithHop(hop))
		}
	}
	attrs.Set("Tags", merged)
}
