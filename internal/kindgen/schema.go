package kindgen

import (
	"encoding/json"
	"slices"

	"github.com/rampart-iac/rampart/analyzer/aws/kinds"
)

// schemaJSON renders the JSON schema (draft 2020-12) of the policy input
// (docs/model.md, "Policy input"): input.by_kind[kind] typed per kind,
// input.resources and input.config. Object types are written inline, not
// as $ref: OPA's schema parser drops the null of a nullable $ref (it makes
// the whole value `any`), while {"type": ["object", "null"], "properties":
// ...} keeps the properties checked.
func schemaJSON(reg *kinds.Registry) ([]byte, error) {
	byKind := map[string]any{}
	for _, k := range reg.Kinds() {
		byKind[k.Name] = map[string]any{
			"type":        "array",
			"description": "every resource of kind " + k.Name,
			"items":       resourceSchema(k),
		}
	}
	s := map[string]any{
		"$schema":     "https://json-schema.org/draft/2020-12/schema",
		"$id":         "https://github.com/rampart-iac/rampart/analyzer/engine/schema/input.json",
		"title":       "rampart policy input",
		"description": "Generated from the kind registry (analyzer/aws/kinds) by internal/kindgen; do not edit. docs/model.md describes every kind and property.",
		"type":        "object",
		"properties": map[string]any{
			"by_kind": map[string]any{
				"type":                 "object",
				"description":          "the resources of each kind; a kind the scan has none of is absent",
				"properties":           byKind,
				"additionalProperties": false,
			},
			"by_type": map[string]any{
				"type":                 "object",
				"description":          "every resource by native type (AWS::S3::Bucket, aws_s3_bucket), including types no canonical kind covers; present only when a loaded policy reads it",
				"additionalProperties": map[string]any{"type": "array", "items": nativeResourceSchema()},
			},
			"account": accountSchema(),
			"resources": map[string]any{
				"type":                 "object",
				"description":          "every resource by uid, for following refs",
				"additionalProperties": map[string]any{"type": "object"},
			},
			"config": map[string]any{
				"type":        "object",
				"description": "the user's rule parameters (.rampart.yaml rule_config)",
			},
		},
		"required":             []string{"by_kind", "resources", "config"},
		"additionalProperties": false,
	}
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// resourceSchema is one resource of kind k.
func resourceSchema(k *kinds.Kind) map[string]any {
	var types, sources []string
	for _, n := range k.Native {
		// A type may be native to both frameworks; an enum lists it once.
		if !slices.Contains(types, n.Type) {
			types = append(types, n.Type)
		}
	}
	sources = []string{"cloudformation", "terraform", "terraform-plan"}
	str := map[string]any{"type": "string"}
	return object(map[string]any{
		"uid":        str,
		"id":         str,
		"kind":       map[string]any{"type": "string", "const": k.Name},
		"type":       map[string]any{"type": "string", "enum": types},
		"source":     map[string]any{"type": "string", "enum": sources},
		"file":       str,
		"location":   locationSchema(),
		"properties": propertiesSchema(k, k.Properties, false),
		"native":     map[string]any{"type": "object", "description": "the native attributes, unknowns as null"},
		"refs": map[string]any{
			"type": "array",
			"items": object(map[string]any{
				"path":      map[string]any{"type": "array", "items": map[string]any{"description": "a key or a list index"}},
				"resource":  str,
				"attribute": str,
			}, false),
		},
	}, false)
}

// nativeResourceSchema is one resource of input.by_type: kind and
// properties are null for a type no canonical kind covers, so both are
// typed loosely; native holds the attributes as the template wrote them.
func nativeResourceSchema() map[string]any {
	str := map[string]any{"type": "string"}
	return object(map[string]any{
		"uid":        str,
		"id":         str,
		"kind":       map[string]any{"type": []string{"string", "null"}},
		"type":       str,
		"source":     anySourceSchema(),
		"file":       str,
		"location":   locationSchema(),
		"properties": map[string]any{"description": "the canonical properties of a covered type (see by_kind), null otherwise"},
		"native":     map[string]any{"type": "object", "description": "the native attributes, unknowns as null"},
		"refs":       map[string]any{"type": "array"},
	}, false)
}

// object is a closed object schema with every property required.
func object(props map[string]any, nullable bool) map[string]any {
	return map[string]any{
		"type":                 jsonType("object", nullable),
		"properties":           props,
		"required":             sortedKeys(props),
		"additionalProperties": false,
	}
}

func propertiesSchema(k *kinds.Kind, ps []kinds.Property, nullable bool) map[string]any {
	props := make(map[string]any, len(ps))
	for _, p := range ps {
		s := typeSchema(k, p.T())
		if p.Notes != "" {
			s["description"] = p.Notes
		}
		props[p.Name] = s
	}
	return object(props, nullable)
}

// typeSchema is the schema of one registry type.
func typeSchema(k *kinds.Kind, t *kinds.Type) map[string]any {
	switch t.Base {
	case kinds.List:
		return map[string]any{"type": jsonType("array", t.Nullable), "items": typeSchema(k, t.Elem)}
	case kinds.Map:
		return map[string]any{"type": jsonType("object", t.Nullable), "additionalProperties": typeSchema(k, t.Elem)}
	case kinds.ObjectBase:
		return propertiesSchema(k, k.Object(t.Object).Properties, t.Nullable)
	case kinds.Bool:
		return map[string]any{"type": jsonType("boolean", t.Nullable)}
	default:
		return map[string]any{"type": jsonType(string(t.Base), t.Nullable)}
	}
}

// jsonType is a JSON schema type, with null when the value may be Unknown.
func jsonType(name string, nullable bool) any {
	if nullable {
		return []string{name, "null"}
	}
	return name
}

// locationSchema is a resource's location: its file and lines.
func locationSchema() map[string]any {
	str := map[string]any{"type": "string"}
	return object(map[string]any{
		"file":       str,
		"start_line": map[string]any{"type": "integer"},
		"end_line":   map[string]any{"type": "integer"},
	}, false)
}

// anySourceSchema is the front-end a resource or unit came from, any of
// them (a kind's own resources list only the sources of its types).
func anySourceSchema() map[string]any {
	return map[string]any{"type": "string", "enum": []string{"cloudformation", "terraform", "terraform-plan"}}
}
