package engine

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/rampart-iac/rampart/analyzer/aws/kinds"
)

// withSyntheticKinds returns the kind registry plus an entry for each
// synthetic kind of the first n generated rules (syntheticKind), so their
// METADATA names registered kinds.
func withSyntheticKinds(tb testing.TB, n int) *kinds.Registry {
	tb.Helper()
	out := fstest.MapFS{}
	entries, err := fs.Glob(kinds.Entries(), "*.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	for _, name := range entries {
		b, err := fs.ReadFile(kinds.Entries(), name)
		if err != nil {
			tb.Fatal(err)
		}
		out[name] = &fstest.MapFile{Data: b}
	}
	for i := range n {
		kind := syntheticKind(i)
		out[kind+".yaml"] = &fstest.MapFile{Data: []byte(fmt.Sprintf(`kind: %s
rego: synthetic
summary: a kind for the engine's scaling tests
native: [{type: "Test::Thing", framework: cloudformation, role: owner}]
properties:
  - {name: tags, type: "map<string?>?", default: {}, source: "https://example.com/tags"}
examples:
  - {name: a thing, framework: cloudformation, type: "Test::Thing", id: Thing, test_default: true, properties: {tags: {}}}
`, kind))}
	}
	reg, err := kinds.Load(out)
	if err != nil {
		tb.Fatal(err)
	}
	return reg
}

// TestMetadataKindsAndReadsAreTheRegistrys: a rule naming a kind the
// registry does not have, or reading a property path its kinds do not
// declare, fails to load with the METADATA block's file and line.
func TestMetadataKindsAndReadsAreTheRegistrys(t *testing.T) {
	cases := []struct {
		name  string
		kinds string
		reads string
		want  string // in the error; "" = loads
	}{
		{"declared", "[aws.ec2.security_group]", "[tags, ingress_count, \"ingress[*].cidrs[*]\", \"egress[0].origin.id\", \"tags.Owner\", \"tags[*]\"]", ""},
		{"two kinds, a read of either", "[aws.ec2.security_group, aws.ec2.instance]", "[security_groups, ingress_count]", ""},
		{"reads without kinds", "[]", "[security_groups]", ""},
		{"unknown kind", "[aws.ec2.securitygroup]", "[]", "aws.ec2.securitygroup is not a canonical kind"},
		{"undeclared property", "[aws.ec2.security_group]", "[decription]", "decription is not a property path"},
		{"property of another kind", "[aws.ec2.security_group]", "[security_groups]", "no property security_groups"},
		{"nested undeclared", "[aws.ec2.security_group]", "[\"ingress[*].cidr\"]", "no property cidr"},
		{"key on a list", "[aws.ec2.security_group]", "[ingress.cidrs]", "is a list: index it"},
		{"index below a scalar", "[aws.ec2.security_group]", "[\"description[0]\"]", "nothing below it"},
		{"index on an object", "[aws.ec2.security_group]", "[\"ingress[*][0]\"]", "no elements to index"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := fmt.Sprintf(`package p

# METADATA
# title: t
# custom:
#   id: T-001
#   name: t-001
#   severity: LOW
#   kinds: %s
#   reads: %s
deny contains 1 if false
`, tc.kinds, tc.reads)
			m, err := ast.ParseModuleWithOpts("rules/t.rego", src, ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
			if err != nil {
				t.Fatal(err)
			}
			reg, err := kinds.Default()
			if err != nil {
				t.Fatal(err)
			}
			_, err = ruleFromModule(m, false, kindsOf(reg))
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tc.want != "" && err == nil:
				t.Fatal("loads")
			case tc.want != "" && (!strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "rules/t.rego:3: ")):
				t.Fatalf("error %v, want one at rules/t.rego:3 containing %q", err, tc.want)
			}
		})
	}
}

// TestEmbeddedKindSetLoadsTheNamedKinds: checking a rule's METADATA parses
// the entries of the kinds it names, and finds the same problems as the
// whole registry does.
func TestEmbeddedKindSetLoadsTheNamedKinds(t *testing.T) {
	reg, err := kinds.Default()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		kinds, reads []string
		want         string // in the error; "" = accepted
	}{
		{[]string{"aws.s3.bucket"}, []string{"versioning"}, ""},
		{[]string{"aws.s3.bucket", "aws.ec2.security_group"}, []string{"ingress[*].cidrs"}, ""},
		{[]string{"aws.s3.bucket"}, []string{"versionning"}, "no property versionning"},
		{[]string{"aws.s3.buckets"}, nil, "aws.s3.buckets is not a canonical kind (known: aws.autoscaling.group"},
		{nil, []string{"ingress[*].cidrs"}, ""},
		{nil, []string{"no_such_property"}, "no_such_property is not a property path"},
	}
	for _, tc := range cases {
		paths := make([]readPath, len(tc.reads))
		for i, r := range tc.reads {
			if paths[i], err = parseReadPath(r); err != nil {
				t.Fatal(err)
			}
		}
		lazy := kindsOf(nil)
		got := checkKindsAndReads(lazy, tc.kinds, tc.reads, paths)
		whole := checkKindsAndReads(kindsOf(reg), tc.kinds, tc.reads, paths)
		if fmt.Sprint(got) != fmt.Sprint(whole) {
			t.Errorf("%v %v: embedded entries say %v, the registry %v", tc.kinds, tc.reads, got, whole)
		}
		if (tc.want == "") != (got == nil) || got != nil && !strings.Contains(got.Error(), tc.want) {
			t.Errorf("%v %v: error %v, want %q", tc.kinds, tc.reads, got, tc.want)
		}
		if len(tc.kinds) > 0 && len(lazy.loaded) > len(tc.kinds) {
			t.Errorf("%v: parsed %d entries", tc.kinds, len(lazy.loaded))
		}
	}
}
