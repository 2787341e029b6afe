package policydoc

import (
	"github.com/rampart-iac/rampart/analyzer/graph"
)

// DataSourceType is the Terraform data source that builds policy documents.
const DataSourceType = "aws_iam_policy_document"

// dataSource returns the data "aws_iam_policy_document" whose json (or
// minified_json) the Unknown value v stands for, or nil.
func (n *normalizer) dataSource(v *graph.Value) *graph.Resource {
	if n.lookup == nil || v.Ref == nil || (v.Ref.Attr != "json" && v.Ref.Attr != "minified_json") {
		return nil
	}
	r := n.lookup(*v.Ref)
	if r == nil || !r.DataSource || r.Type != DataSourceType {
		return nil
	}
	return r
}

// fromDataSource builds the document a data "aws_iam_policy_document"
// exports, as the AWS provider does: the source documents merged in order
// (their statement ids must be unique), then the data source's own
// statements, then each override document; a statement with a non-empty
// sid replaces the earlier statement with the same sid in place, any other
// is appended. The statements stay at their own lines in the data source
// and in the source documents; the document sits where it is used (at).
func (n *normalizer) fromDataSource(r *graph.Resource, at *graph.Value, depth int) *graph.Value {
	attrs := r.Attrs
	m := &merger{n: n, version: scalarOr(attrs.Get("version"), attrs, "2012-10-17"), id: scalarOr(attrs.Get("policy_id"), attrs, "")}
	seen := map[string]bool{}
	for _, src := range n.documents(attrs, "source_json", "source_policy_documents", depth) {
		m.uniqueSids(src.Get(KeyStatements), seen, "source_policy_documents")
		m.merge(src)
	}
	own := n.dsStatements(attrs.Get("statement"), attrs)
	m.uniqueSids(own, map[string]bool{}, "statement")
	m.mergeStatements(own)
	for _, over := range n.documents(attrs, "override_json", "override_policy_documents", depth) {
		m.merge(over)
	}
	doc := like(graph.Map(at.Loc), at)
	doc.Set(KeyVersion, m.version)
	doc.Set(KeyID, m.id)
	if m.unknown != nil {
		doc.Set(KeyStatements, m.unknown)
	} else {
		doc.Set(KeyStatements, like(graph.List(m.stmts, r.Loc), attrs))
	}
	return doc
}

// documents normalizes the documents of a data source argument pair: the
// deprecated single-document one first, then the list. An Unknown list
// stands for documents of unknown content: one Unknown document.
func (n *normalizer) documents(attrs *graph.Value, single, list string, depth int) []*graph.Value {
	var out []*graph.Value
	if v := attrs.Get(single); !v.IsNull() {
		out = append(out, n.document(v, depth+1))
	}
	v := attrs.Get(list)
	switch {
	case v.IsNull():
	case v.Kind == graph.KindList:
		if reason, ok := unknownLength(v); ok {
			return append(out, unknownDocument(v, reason))
		}
		for _, e := range v.List {
			if d := n.document(e, depth+1); d != nil {
				out = append(out, d)
			}
		}
	case v.Kind == graph.KindUnknown:
		out = append(out, unknownDocument(v, v.Reason))
	default:
		n.diags.Errorf(v.Loc, "%s must be a list of policy documents", list)
		out = append(out, unknownDocument(v, list+" is not a list"))
	}
	return out
}

// merger accumulates the statements of a data source's documents.
type merger struct {
	n       *normalizer
	version *graph.Value
	id      *graph.Value
	stmts   []*graph.Value
	unknown *graph.Value
}

// merge merges one document: a later non-empty Id wins, a later Version
// wins when it is newer, and its statements merge by sid.
func (m *merger) merge(doc *graph.Value) {
	if id := doc.Get(KeyID); id != nil && !(id.Kind == graph.KindString && id.Str == "") {
		m.id = id
	}
	if v := doc.Get(KeyVersion); v != nil && v.Kind == graph.KindString && m.version.Kind == graph.KindString && v.Str > m.version.Str {
		m.version = v
	}
	m.mergeStatements(doc.Get(KeyStatements))
}

// mergeStatements merges a statement list. Which statement one with an
// Unknown sid replaces cannot be known, nor what an Unknown list holds:
// the result is Unknown as a whole.
func (m *merger) mergeStatements(stmts *graph.Value) {
	if m.unknown != nil {
		return
	}
	if stmts.Kind != graph.KindList {
		m.unknown = stmts
		return
	}
	for _, s := range stmts.List {
		sid := s.Get(KeySid)
		if s.Kind == graph.KindUnknown || sid.IsUnknown() {
			m.unknown = like(graph.Unknown("a merged statement's sid is known only after apply", s.Loc), s)
			return
		}
		if sid.Str == "" || !m.replace(sid.Str, s) {
			m.stmts = append(m.stmts, s)
		}
	}
}

// replace puts s in the place of the statement with the same sid.
func (m *merger) replace(sid string, s *graph.Value) bool {
	for i, old := range m.stmts {
		if old.Get(KeySid).Str == sid {
			m.stmts[i] = s
			return true
		}
	}
	return false
}

// uniqueSids reports a statement id used twice where the provider refuses
// it: across the source documents, or among a data source's statements.
func (m *merger) uniqueSids(stmts *graph.Value, seen map[string]bool, where string) {
	if stmts == nil || stmts.Kind != graph.KindList {
		return
	}
	for _, s := range stmts.List {
		sid := s.Get(KeySid)
		if sid == nil || sid.Kind != graph.KindString || sid.Str == "" {
			continue
		}
		if seen[sid.Str] {
			m.n.diags.Errorf(sid.Loc, "duplicate sid %q in %s of aws_iam_policy_document; the AWS provider refuses it", sid.Str, where)
		}
		seen[sid.Str] = true
	}
}

// dsStatements normalizes the statement blocks of a data source.
func (n *normalizer) dsStatements(v, attrs *graph.Value) *graph.Value {
	switch {
	case v.IsNull():
		return like(graph.List(nil, attrs.Loc), attrs)
	case v.Kind != graph.KindList:
		return v
	}
	if reason, ok := unknownLength(v); ok {
		return like(graph.Unknown("statement blocks: "+reason, v.Loc), v)
	}
	out := like(graph.List(nil, v.Loc), v)
	for _, b := range v.List {
		out.List = append(out.List, n.dsStatement(b))
	}
	return out
}

// dsStatement normalizes one statement block; effect defaults to Allow.
func (n *normalizer) dsStatement(b *graph.Value) *graph.Value {
	if b.Kind != graph.KindMap {
		return b
	}
	out := like(graph.Map(b.Loc), b)
	out.Set(KeySid, scalarOr(nonNull(b.Get("sid")), b, ""))
	out.Set(KeyEffect, scalarOr(nonNull(b.Get("effect")), b, "Allow"))
	out.Set(KeyActions, n.stringList(b.Get("actions"), b, "actions"))
	out.Set(KeyNotActions, n.stringList(b.Get("not_actions"), b, "not_actions"))
	out.Set(KeyResources, n.stringList(b.Get("resources"), b, "resources"))
	out.Set(KeyNotResources, n.stringList(b.Get("not_resources"), b, "not_resources"))
	out.Set(KeyPrincipals, n.dsPrincipals(b.Get("principals"), b))
	out.Set(KeyNotPrincipals, n.dsPrincipals(b.Get("not_principals"), b))
	out.Set(KeyConditions, n.dsConditions(b.Get("condition"), b))
	return out
}

// nonNull treats an argument set to null as absent, as Terraform does.
func nonNull(v *graph.Value) *graph.Value {
	if v.IsNull() {
		return nil
	}
	return v
}

// dsPrincipals merges principals blocks into type → identifiers; blocks of
// one type add up. Type "*" is the provider's spelling of "Principal": "*".
func (n *normalizer) dsPrincipals(v, stmt *graph.Value) *graph.Value {
	switch {
	case v.IsNull():
		return like(graph.Map(stmt.Loc), stmt)
	case v.Kind != graph.KindList:
		return v
	}
	if reason, ok := unknownLength(v); ok {
		return like(graph.Unknown("principals blocks: "+reason, v.Loc), v)
	}
	out := like(graph.Map(v.Loc), v)
	for _, b := range v.List {
		typ := b.Get("type")
		if b.Kind != graph.KindMap || typ == nil || typ.Kind != graph.KindString {
			reason := "a principal type is known only after apply"
			if typ.IsUnknown() {
				reason = typ.Reason
			}
			return like(graph.Unknown(reason, b.Loc), b)
		}
		key := typ.Str
		if key == "*" {
			key = "AWS"
		}
		out.Set(key, appendList(out.Get(key), n.stringList(b.Get("identifiers"), b, "identifiers")))
	}
	return out
}

// dsConditions merges condition blocks into test → variable → values;
// blocks with the same test and variable add their values up, as the
// provider's rendering does.
func (n *normalizer) dsConditions(v, stmt *graph.Value) *graph.Value {
	switch {
	case v.IsNull():
		return like(graph.Map(stmt.Loc), stmt)
	case v.Kind != graph.KindList:
		return v
	}
	if reason, ok := unknownLength(v); ok {
		return like(graph.Unknown("condition blocks: "+reason, v.Loc), v)
	}
	out := like(graph.Map(v.Loc), v)
	for _, b := range v.List {
		test, variable := b.Get("test"), b.Get("variable")
		if b.Kind != graph.KindMap || test == nil || variable == nil || test.Kind != graph.KindString || variable.Kind != graph.KindString {
			return like(graph.Unknown("a condition's test or variable is known only after apply", b.Loc), b)
		}
		keys := out.Get(test.Str)
		if keys == nil {
			keys = like(graph.Map(b.Loc), b)
			out.Set(test.Str, keys)
		}
		keys.Set(variable.Str, appendList(keys.Get(variable.Str), n.stringList(b.Get("values"), b, "values")))
	}
	return out
}

// appendList appends the elements of list b to list a (nil: none yet); an
// Unknown on either side makes the result Unknown.
func appendList(a, b *graph.Value) *graph.Value {
	switch {
	case a == nil:
		return b
	case a.Kind != graph.KindList:
		return a
	case b.Kind != graph.KindList:
		return b
	}
	c := *a
	c.List = append(append([]*graph.Value(nil), a.List...), b.List...)
	return &c
}
