package policydoc

import (
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// stmtJSON is a one-statement JSON document with the given sid and action.
func stmtJSON(sid, action string, line int) *graph.Value {
	return str(`{"Version":"2012-10-17","Statement":[{"Sid":"`+sid+`","Effect":"Allow","Action":"`+action+`","Resource":"*"}]}`, at(line))
}

// block is a statement block of a data source.
func block(line int, sid *graph.Value, action string) *graph.Value {
	b := obj(at(line), "actions", list(at(line), str(action, at(line))))
	if sid != nil {
		b.Set("sid", sid)
	}
	return b
}

// summary renders a model's statements as "sid:action" in order, or the
// reason the list is Unknown.
func summary(doc *graph.Value) string {
	stmts := doc.Get(KeyStatements)
	if stmts.IsUnknown() {
		return "unknown: " + stmts.Reason
	}
	var parts []string
	for _, s := range stmts.List {
		parts = append(parts, s.Get(KeySid).Str+":"+s.At(graph.Path{KeyActions, 0}).Str)
	}
	return strings.Join(parts, " ")
}

func TestDataSourceMerge(t *testing.T) {
	tests := []struct {
		name  string
		attrs *graph.Value
		want  string
		diag  string
	}{
		{
			name: "own statements replace source statements by sid in place, others append",
			attrs: obj(at(1),
				"source_policy_documents", list(at(2), stmtJSON("A", "s3:a", 2), stmtJSON("", "s3:n", 2), stmtJSON("B", "s3:b", 2)),
				"statement", list(at(3), block(3, str("A", at(3)), "own:a"), block(4, nil, "own:n")),
			),
			want: "A:own:a :s3:n B:s3:b :own:n",
		},
		{
			name: "overrides replace by sid, in order, and append the rest",
			attrs: obj(at(1),
				"statement", list(at(3), block(3, str("A", at(3)), "own:a"), block(4, str("B", at(4)), "own:b")),
				"override_policy_documents", list(at(5), stmtJSON("B", "o1:b", 5), stmtJSON("B", "o2:b", 6), stmtJSON("C", "o:c", 6)),
			),
			want: "A:own:a B:o2:b C:o:c",
		},
		{
			name: "the deprecated source_json and override_json come first",
			attrs: obj(at(1),
				"source_json", stmtJSON("A", "sj:a", 2),
				"source_policy_documents", list(at(2), stmtJSON("B", "s:b", 2)),
				"override_json", stmtJSON("B", "oj:b", 5),
			),
			want: "A:sj:a B:oj:b",
		},
		{
			name: "duplicate sids across source documents are refused",
			attrs: obj(at(1),
				"source_policy_documents", list(at(2), stmtJSON("A", "s3:a", 2), stmtJSON("A", "s3:b", 7)),
			),
			want: "A:s3:b",
			diag: "7: duplicate sid \"A\" in source_policy_documents",
		},
		{
			name: "duplicate sids among statement blocks are refused",
			attrs: obj(at(1),
				"statement", list(at(3), block(3, str("A", at(3)), "x:a"), block(4, str("A", at(4)), "x:b")),
			),
			want: "A:x:b",
			diag: "4: duplicate sid \"A\" in statement",
		},
		{
			name: "an Unknown sid: which statement it replaces is unknown",
			attrs: obj(at(1),
				"source_policy_documents", list(at(2), stmtJSON("A", "s3:a", 2)),
				"statement", list(at(3), block(3, graph.Unknown("variable sid has no value", at(3)), "own:a")),
			),
			want: "unknown: a merged statement's sid is known only after apply",
		},
		{
			name: "an Unknown source document list",
			attrs: obj(at(1),
				"source_policy_documents", graph.Unknown("variable docs has no value", at(2)),
				"statement", list(at(3), block(3, nil, "own:a")),
			),
			want: "unknown: variable docs has no value",
		},
		{
			name: "an Unknown source document",
			attrs: obj(at(1),
				"source_policy_documents", list(at(2), graph.Unknown("computed attribute aws_iam_policy.p.policy", at(2))),
			),
			want: "unknown: computed attribute aws_iam_policy.p.policy",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &graph.Resource{ID: "data.aws_iam_policy_document.d", Type: DataSourceType, DataSource: true, Loc: at(1), Attrs: tt.attrs}
			use := graph.UnknownRef(r.ID, "json", "data source", at(20))
			doc, diags := Normalize(use, func(ref graph.Ref) *graph.Resource {
				if ref.Resource == r.ID {
					return r
				}
				return nil
			})
			if got := summary(doc); got != tt.want {
				t.Errorf("statements = %s, want %s", got, tt.want)
			}
			var got []string
			for _, d := range diags {
				got = append(got, strings.TrimPrefix(d.Error(), "main.tf:"))
			}
			if tt.diag == "" && len(got) > 0 || tt.diag != "" && (len(got) != 1 || !strings.HasPrefix(got[0], tt.diag)) {
				t.Errorf("diagnostics = %q, want %q", got, tt.diag)
			}
		})
	}
}

func TestOtherReferencesAreNotDataSources(t *testing.T) {
	r := &graph.Resource{ID: "aws_iam_policy.p", Type: "aws_iam_policy", Attrs: graph.Map(at(1))}
	lookup := func(graph.Ref) *graph.Resource { return r }
	doc, _ := Normalize(graph.UnknownRef(r.ID, "json", "computed attribute aws_iam_policy.p.json", at(3)), lookup)
	if got := summary(doc); got != "unknown: computed attribute aws_iam_policy.p.json" {
		t.Errorf("statements = %s, want the reference's Unknown", got)
	}
}
