// Package policydoc turns an IAM policy document, whatever its source, into
// one statement model: a JSON string (a heredoc, a CloudFormation string, a
// file() read), the value tree Terraform's jsonencode was given, a
// CloudFormation PolicyDocument object, or a data "aws_iam_policy_document".
//
// The model is a graph.Value, so every statement, action, resource and
// principal keeps the location and provenance of the value it came from and
// a rule can blame statements[2].actions[0]. What cannot be known before
// deployment stays Unknown at its own place; a statement list whose length
// cannot be known is Unknown as a whole. docs/policy-documents.md describes
// the model and each source.
package policydoc

import (
	"fmt"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// Keys of the statement model.
const (
	KeyVersion       = "version"
	KeyID            = "id"
	KeyStatements    = "statements"
	KeySid           = "sid"
	KeyEffect        = "effect"
	KeyActions       = "actions"
	KeyNotActions    = "not_actions"
	KeyResources     = "resources"
	KeyNotResources  = "not_resources"
	KeyPrincipals    = "principals"
	KeyNotPrincipals = "not_principals"
	KeyConditions    = "conditions"
)

// maxDocumentDepth bounds chains of documents built from documents
// (source_policy_documents of a data source whose sources are data sources).
const maxDocumentDepth = 32

// DataSources finds the Terraform data source a reference names: the
// resource data.aws_iam_policy_document.x for a value whose Ref is
// {data.aws_iam_policy_document.x json}. It returns nil when the resource is
// not in the unit.
type DataSources func(ref graph.Ref) *graph.Resource

// Normalize returns the statement model of the policy document doc, and the
// problems found in it (a JSON string that does not parse, duplicate
// statement ids the AWS provider refuses). lookup resolves references to
// data "aws_iam_policy_document"; it may be nil. A null doc gives nil.
func Normalize(doc *graph.Value, lookup DataSources) (*graph.Value, graph.Diagnostics) {
	n := &normalizer{lookup: lookup}
	return n.document(doc, 0), n.diags
}

type normalizer struct {
	lookup DataSources
	diags  graph.Diagnostics
}

// document normalizes one document of any source; depth counts documents
// reached through data sources.
func (n *normalizer) document(v *graph.Value, depth int) *graph.Value {
	switch {
	case v.IsNull():
		return nil
	case depth > maxDocumentDepth:
		return unknownDocument(v, fmt.Sprintf("policy documents built from documents deeper than %d levels", maxDocumentDepth))
	case v.Decoded != nil:
		return n.tree(v.Decoded)
	case v.Kind == graph.KindUnknown:
		if r := n.dataSource(v); r != nil {
			return n.fromDataSource(r, v, depth)
		}
		return unknownDocument(v, v.Reason)
	case v.Kind == graph.KindString:
		t, err := parseJSON(v, locate(v))
		if err != nil {
			n.invalidJSON(v, err)
			return unknownDocument(v, "policy document is not valid JSON")
		}
		return n.tree(t)
	case v.Kind == graph.KindMap:
		return n.tree(v)
	}
	n.diags.Errorf(v.Loc, "policy document is a %s, not a JSON object", v.Kind)
	return unknownDocument(v, "policy document is not a JSON object")
}

func (n *normalizer) invalidJSON(v *graph.Value, err error) {
	l := v.Loc
	if se, ok := err.(*graph.JSONSyntaxError); ok {
		l = locate(v)(se.Offset)
	}
	n.diags = append(n.diags, graph.Diagnostic{
		Severity: graph.SeverityError,
		Summary:  "invalid JSON in policy document",
		Detail:   err.Error(),
		Location: l,
	})
}

// unknownDocument is a document of which nothing is known: its statements
// are Unknown, with the reason.
func unknownDocument(at *graph.Value, reason string) *graph.Value {
	if reason == "" {
		reason = "policy document known only after apply"
	}
	doc := like(graph.Map(at.Loc), at)
	doc.Set(KeyVersion, like(graph.Unknown(reason, at.Loc), at))
	doc.Set(KeyID, like(graph.Unknown(reason, at.Loc), at))
	doc.Set(KeyStatements, like(graph.Unknown(reason, at.Loc), at))
	return doc
}

// like gives a value built by the normalizer the provenance of the value it
// stands for.
func like(v, from *graph.Value) *graph.Value {
	v.Loc = from.Loc
	v.Trace = append(graph.Trace(nil), from.Trace...)
	v.Sensitive = from.Sensitive
	return v
}

// tree normalizes a JSON document given as a value tree: a parsed string,
// a jsonencode argument, a CloudFormation object.
func (n *normalizer) tree(t *graph.Value) *graph.Value {
	switch t.Kind {
	case graph.KindUnknown:
		return unknownDocument(t, t.Reason)
	case graph.KindMap:
	default:
		n.diags.Errorf(t.Loc, "policy document is a %s, not a JSON object", t.Kind)
		return unknownDocument(t, "policy document is not a JSON object")
	}
	doc := like(graph.Map(t.Loc), t)
	// IAM reads a document without Version as the 2008-10-17 language.
	doc.Set(KeyVersion, scalarOr(t.Get("Version"), t, "2008-10-17"))
	doc.Set(KeyID, scalarOr(t.Get("Id"), t, ""))
	doc.Set(KeyStatements, n.jsonStatements(t.Get("Statement"), t))
	return doc
}

// jsonStatements normalizes the Statement element: a list, or one
// statement written as an object.
func (n *normalizer) jsonStatements(v, doc *graph.Value) *graph.Value {
	switch {
	case v == nil:
		return like(graph.List(nil, doc.Loc), doc)
	case v.Kind == graph.KindUnknown:
		return v
	case v.Kind == graph.KindMap:
		return like(graph.List([]*graph.Value{n.jsonStatement(v)}, v.Loc), v)
	case v.Kind != graph.KindList:
		n.diags.Errorf(v.Loc, "policy Statement is a %s, not a list of statements", v.Kind)
		return like(graph.Unknown("policy Statement is not a list", v.Loc), v)
	}
	if reason, ok := unknownLength(v); ok {
		return like(graph.Unknown(reason, v.Loc), v)
	}
	out := like(graph.List(nil, v.Loc), v)
	for _, s := range v.List {
		out.List = append(out.List, n.jsonStatement(s))
	}
	return out
}

// jsonStatement normalizes one statement of a JSON document.
func (n *normalizer) jsonStatement(s *graph.Value) *graph.Value {
	switch s.Kind {
	case graph.KindUnknown:
		return s
	case graph.KindMap:
	default:
		n.diags.Errorf(s.Loc, "policy statement is a %s, not an object", s.Kind)
		return like(graph.Unknown("policy statement is not an object", s.Loc), s)
	}
	out := like(graph.Map(s.Loc), s)
	out.Set(KeySid, scalarOr(s.Get("Sid"), s, ""))
	effect := s.Get("Effect")
	if effect == nil {
		n.diags.Warnf(s.Loc, "policy statement has no Effect; AWS refuses it")
		out.Set(KeyEffect, like(graph.Unknown("policy statement has no Effect", s.Loc), s))
	} else {
		out.Set(KeyEffect, scalarOr(effect, s, ""))
	}
	out.Set(KeyActions, n.stringList(s.Get("Action"), s, "Action"))
	out.Set(KeyNotActions, n.stringList(s.Get("NotAction"), s, "NotAction"))
	out.Set(KeyResources, n.stringList(s.Get("Resource"), s, "Resource"))
	out.Set(KeyNotResources, n.stringList(s.Get("NotResource"), s, "NotResource"))
	out.Set(KeyPrincipals, n.principals(s.Get("Principal"), s, "Principal"))
	out.Set(KeyNotPrincipals, n.principals(s.Get("NotPrincipal"), s, "NotPrincipal"))
	out.Set(KeyConditions, n.conditions(s.Get("Condition"), s))
	return out
}

// unknownLength reports whether a list stands for an unknown number of
// elements (a Terraform dynamic block over an unknown for_each), and why.
func unknownLength(v *graph.Value) (string, bool) {
	for _, e := range v.List {
		if e != nil && e.Representative {
			return "the number of elements is known only after apply", true
		}
	}
	return "", false
}

// scalarOr returns v as a string value (numbers and booleans as IAM reads
// them), an Unknown as it is, or def located at parent when v is absent.
func scalarOr(v, parent *graph.Value, def string) *graph.Value {
	if v == nil {
		return like(graph.String(def, parent.Loc), parent)
	}
	return scalar(v)
}

// scalar returns v as a string value: IAM reads every action, resource,
// principal and condition value as a string, so "true" and true are one.
// Null and Unknown values are kept as they are.
func scalar(v *graph.Value) *graph.Value {
	switch v.Kind {
	case graph.KindString, graph.KindUnknown, graph.KindNull:
		return v
	case graph.KindNumber, graph.KindBool:
		s, _ := v.AsString()
		c := *v
		c.Kind, c.Str, c.Number, c.Bool = graph.KindString, s, 0, false
		return &c
	}
	return like(graph.Unknown("a "+v.Kind.String()+" where IAM expects a string", v.Loc), v)
}

// stringList normalizes an element that is a string or a list of strings
// (Action, Resource, principal identifiers, condition values) into a list;
// absent is the empty list, located at parent.
func (n *normalizer) stringList(v, parent *graph.Value, name string) *graph.Value {
	switch {
	case v.IsNull():
		return like(graph.List(nil, parent.Loc), parent)
	case v.Kind == graph.KindUnknown:
		return v
	case v.Kind == graph.KindList:
		if reason, ok := unknownLength(v); ok {
			return like(graph.Unknown(reason, v.Loc), v)
		}
		out := like(graph.List(nil, v.Loc), v)
		for _, e := range v.List {
			if e.Kind == graph.KindList || e.Kind == graph.KindMap {
				n.diags.Errorf(e.Loc, "%s holds a %s where IAM expects a string", name, e.Kind)
			}
			out.List = append(out.List, scalar(e))
		}
		return out
	case v.Kind == graph.KindMap:
		n.diags.Errorf(v.Loc, "%s is an object where IAM expects a string or a list of strings", name)
		return like(graph.Unknown(name+" is not a string or a list of strings", v.Loc), v)
	}
	return like(graph.List([]*graph.Value{scalar(v)}, v.Loc), v)
}

// principals normalizes Principal or NotPrincipal into a map from
// principal type (AWS, Service, Federated, CanonicalUser) to identifiers.
// "*" is {"AWS": ["*"]}, which AWS documents as the same principal.
func (n *normalizer) principals(v, parent *graph.Value, name string) *graph.Value {
	switch {
	case v.IsNull():
		return like(graph.Map(parent.Loc), parent)
	case v.Kind == graph.KindUnknown:
		return v
	case v.Kind == graph.KindString && v.Str == "*":
		return like(graph.Map(v.Loc), v).Set("AWS", like(graph.List([]*graph.Value{v}, v.Loc), v))
	case v.Kind != graph.KindMap:
		n.diags.Errorf(v.Loc, "%s must be \"*\" or an object of principal types", name)
		return like(graph.Unknown(name+" is not \"*\" or an object", v.Loc), v)
	}
	out := like(graph.Map(v.Loc), v)
	for _, typ := range v.Keys {
		out.Set(typ, n.stringList(v.Fields[typ], v, name))
	}
	return out
}

// conditions normalizes Condition: operator → condition key → values.
func (n *normalizer) conditions(v, parent *graph.Value) *graph.Value {
	switch {
	case v.IsNull():
		return like(graph.Map(parent.Loc), parent)
	case v.Kind == graph.KindUnknown:
		return v
	case v.Kind != graph.KindMap:
		n.diags.Errorf(v.Loc, "Condition must be an object of condition operators")
		return like(graph.Unknown("Condition is not an object", v.Loc), v)
	}
	out := like(graph.Map(v.Loc), v)
	for _, op := range v.Keys {
		keys := v.Fields[op]
		switch keys.Kind {
		case graph.KindUnknown:
			out.Set(op, keys)
			continue
		case graph.KindMap:
		default:
			n.diags.Errorf(keys.Loc, "condition operator %s must hold an object of condition keys", op)
			out.Set(op, like(graph.Unknown("condition operator "+op+" does not hold an object", keys.Loc), keys))
			continue
		}
		m := like(graph.Map(keys.Loc), keys)
		for _, k := range keys.Keys {
			m.Set(k, n.stringList(keys.Fields[k], keys, "condition "+op+" "+k))
		}
		out.Set(op, m)
	}
	return out
}
