package aws

import (
	"github.com/rampart-iac/rampart/analyzer/aws/taggable"
	"github.com/rampart-iac/rampart/analyzer/graph"
)

// Canonical kind aws.tagging.resource: any resource whose type takes tags,
// with the tags it will carry. It stands beside the resource's own kind
// (an aws_s3_bucket is also an aws.s3.bucket), so its canonical ID is the
// native ID with taggingIDSuffix: UIDs stay unique, while findings still
// name the native resource.
//
// Most resources of a scan take tags, so building this kind would double
// the policy input for a question most scans do not ask: it is built on
// demand (NormalizeWith), only when an enabled rule names it.
const kindTagging = "aws.tagging.resource"

// taggingIDSuffix ends the canonical ID of an aws.tagging.resource.
const taggingIDSuffix = "#tags"

type taggingMapper struct{}

func (taggingMapper) kind() string { return kindTagging }

func (taggingMapper) onDemand() {}

func (taggingMapper) normalize(idx *unitIndex) []*graph.Canonical {
	var out []*graph.Canonical
	for _, r := range idx.unit.Resources {
		if idx.stopped() {
			return out
		}
		if r.DataSource {
			continue
		}
		t, ok := tagsOfType(r)
		if !ok {
			continue
		}
		p := props(r)
		p.Set("tags", effectiveTags(r, t))
		p.Set("tags_attribute", graph.String(t.Attribute, r.Loc))
		out = append(out, &graph.Canonical{ID: r.ID + taggingIDSuffix, Native: r, Props: p})
	}
	return out
}

// tagsOfType says where r's type keeps its tags, when it takes any.
func tagsOfType(r *graph.Resource) (taggable.Tags, bool) {
	if r.Source == graph.SourceCloudFormation {
		return taggable.CloudFormation(r.Type)
	}
	return taggable.Terraform(r.Type)
}

// effectiveTags are the tags r will carry: its own (which, for a
// CloudFormation resource of a nested stack, already hold the tags the
// nested stack passes on: the front-end adds them), merged over the
// provider's default_tags when the provider applies them to the type.
func effectiveTags(r *graph.Resource, t taggable.Tags) *graph.Value {
	var defaults *graph.Value
	if t.DefaultTags {
		defaults = r.Meta["default_tags"]
	}
	return mergeTags(r, defaults, attr(r, t.Attribute), t.KeyField)
}

// atResource returns loc when it lies inside r's definition, else r's own
// location: tags a nested stack inherits are written in the parent, yet
// what is said about a resource's tags belongs at the resource.
func atResource(r *graph.Resource, loc graph.Location) graph.Location {
	if loc.File == r.Loc.File && loc.StartLine >= r.Loc.StartLine && loc.StartLine <= r.Loc.EndLine {
		return loc
	}
	return r.Loc
}

// unknownTagsAt is an Unknown with reason and u's trace, located at loc.
func unknownTagsAt(u *graph.Value, reason string, loc graph.Location) *graph.Value {
	out := graph.Unknown(reason, loc)
	out.Trace = u.Trace
	return out
}

// mergeTags converts native tags to a map of key to value, merged over
// defaults (Terraform provider default_tags; nil for none). The native
// tags are a map, or, when keyField is set, a list of entries naming their
// key in keyField and their value in the matching Value/value field
// (CloudFormation's [{Key, Value}], Terraform tag blocks). Which keys are
// set is Unknown when the tags, the defaults or a key are: any key could be
// set. An Unknown value with a known key is a tag that is set. The map is
// located at the tags written on the resource, or at the resource when it
// writes none (tags only a parent stack gives are located there).
func mergeTags(r *graph.Resource, defaults, native *graph.Value, keyField string) *graph.Value {
	out := graph.Map(r.Loc)
	if defaults != nil {
		if defaults.Kind == graph.KindUnknown {
			return unknownTagsAt(defaults, defaults.Reason, defaults.Loc)
		}
		for _, k := range defaults.Keys {
			out.Set(k, defaults.Fields[k])
		}
	}
	switch {
	case native == nil:
	case native.Kind == graph.KindUnknown:
		return unknownTagsAt(native, native.Reason, atResource(r, native.Loc))
	case native.Kind == graph.KindMap:
		out.Loc = atResource(r, native.Loc)
		for _, k := range native.Keys {
			if v := native.Fields[k]; v != nil && v.Kind != graph.KindNull {
				out.Set(k, v)
			}
		}
	case native.Kind == graph.KindList && keyField != "":
		out.Loc = atResource(r, native.Loc)
		return listTags(r, out, native, keyField)
	default:
		return graph.Unknown("the tags are a "+native.Kind.String()+", not a map or a list of tags", native.Loc)
	}
	return out
}

// listTags adds a list of tag entries to out.
func listTags(r *graph.Resource, out, native *graph.Value, keyField string) *graph.Value {
	valueField := "Value"
	if keyField == "key" {
		valueField = "value"
	}
	for _, e := range native.List {
		if e.IsNull() {
			continue
		}
		if e.Kind == graph.KindUnknown {
			// A condition may choose a tag or none: any tag could be set.
			return unknownTagsAt(e, "a tag is unknown: "+e.Reason, atResource(r, e.Loc))
		}
		k := field(e, keyField)
		key, ok := k.AsString()
		if !ok || k.IsUnknown() {
			// A tag whose key is unknown could be any key.
			reason := "a tag key is unknown"
			if k.IsUnknown() {
				reason += ": " + k.Reason
			}
			return unknownTagsAt(e, reason, atResource(r, e.Loc))
		}
		val := field(e, valueField)
		if val == nil {
			val = graph.String("", e.Loc)
		}
		out.Set(key, val)
	}
	return out
}
