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
	// unknown is set for a tag whose key is not known (or tags that are
	// not known at all): it may be any tag, so the resources' tags are
	// not known either. It holds the reason.
	unknown *graph.Value
}

// inheritedTags reads the tags a nested stack resource passes to its
// resources. A tag whose key is not known, or tags that are not known at
// all, give one unknown entry: they could be any tag.
func inheritedTags(tags *graph.Value) []stackTag {
	var out []stackTag
	switch {
	case tags == nil:
	case tags.IsUnknown():
		out = append(out, stackTag{entry: tags, unknown: graph.Unknown("the tags of the nested stack are not known: "+tags.Reason, tags.Loc)})
	case tags.Kind == graph.KindList:
		for _, t := range tags.List {
			if t.IsNull() {
				continue
			}
			key, ok := t.Get("Key").AsString()
			if t.IsUnknown() || !ok || t.Get("Key").IsUnknown() {
				reason := "the nested stack's tag key is not known"
				if k := t.Get("Key"); k.IsUnknown() {
					reason += ": " + k.Reason
				} else if t.IsUnknown() {
					reason += ": " + t.Reason
				}
				out = append(out, stackTag{entry: t, unknown: graph.Unknown(reason, t.Loc)})
				continue
			}
			if t.Kind != graph.KindMap || t.Get("Value") == nil {
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

// TagShape says how a resource type holds its Tags: a list of {Key, Value},
// a map of key to value, or neither (no Tags, or a Tags property that is
// something else, such as a filter or an object wrapping the list).
type TagShape int

// The shapes of a Tags property.
const (
	TagsNone TagShape = iota
	TagsList
	TagsMap
)

// TagsShape reads how resource type typ holds its Tags from the embedded
// schema table: the property type Tag, or any property type with Key and
// Value properties (AWS::AutoScaling::AutoScalingGroup.TagProperty, which
// adds PropagateAtLaunch), is a list of {Key, Value}; a free-form Tags (no
// property type) is a map, as for AWS::SSM::Parameter and the
// AWS::Serverless types. Types the table does not have take no tags.
func TagsShape(typ string) TagShape { return tagShapeIn(loadSchema(), typ) }

func (st *stack) tagShapeOf(typ string) TagShape { return tagShapeIn(st.p.schema, typ) }

func tagShapeIn(schema *schemaIndex, typ string) TagShape {
	ts := schema.resource(typ)
	if ts == nil {
		return TagsNone
	}
	ps, ok := ts.props["Tags"]
	switch {
	case !ok || ps.isMap:
		return TagsNone
	case ps.nested == "":
		return TagsMap
	case ps.nested == "Tag":
		return TagsList
	}
	if nt := schema.propertyType(ps.nested); nt != nil {
		if _, key := nt.props["Key"]; key {
			if _, value := nt.props["Value"]; value {
				return TagsList
			}
		}
	}
	return TagsNone
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
	if shape == TagsNone {
		return
	}
	own := attrs.Get("Tags")
	if own.IsUnknown() {
		return
	}
	have := map[string]bool{}
	switch {
	case own == nil:
	case shape == TagsList && own.Kind == graph.KindList:
		for _, t := range own.List {
			key, ok := t.Get("Key").AsString()
			if !ok || t.Get("Key").IsUnknown() {
				return
			}
			have[key] = true
		}
	case shape == TagsMap && own.Kind == graph.KindMap:
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
	} else if shape == TagsList {
		merged = graph.List(nil, st.tagsLoc)
	} else {
		merged = graph.Map(st.tagsLoc)
	}
	for _, t := range st.tags {
		if t.unknown != nil && shape == TagsMap {
			// A map cannot hold a key that is not known: the whole map
			// is not known.
			attrs.Set("Tags", t.unknown.WithHop(graph.Hop{Location: st.tagsLoc, Note: note}))
			return
		}
		if t.key != "" && have[t.key] {
			continue
		}
		hop := graph.Hop{Location: st.tagsLoc, Note: note}
		if t.unknown != nil {
			entry := graph.Map(t.entry.Loc)
			entry.Set("Key", t.unknown.WithHop(hop))
			entry.Set("Value", graph.Unknown(t.unknown.Reason, t.entry.Loc).WithHop(hop))
			merged.List = append(merged.List, entry.WithHop(hop))
			continue
		}
		if shape == TagsList {
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
