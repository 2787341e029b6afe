package kinds

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestDefaultRegistryLoads(t *testing.T) {
	reg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if len(reg.Kinds()) == 0 {
		t.Fatal("no kinds")
	}
	for _, k := range reg.Kinds() {
		if reg.Kind(k.Name) != k {
			t.Errorf("lookup of %s", k.Name)
		}
	}
}

func TestParseType(t *testing.T) {
	cases := []struct {
		in, out string
		err     bool
	}{
		{in: "string", out: "string"},
		{in: "number?", out: "number or null"},
		{in: "list<string?>?", out: "list of (string or null) or null"},
		{in: "map<string>", out: "map string → string"},
		{in: "list<rule?>?", out: "list of (rule or null) or null"},
		{in: "list<string", err: true},
		{in: "String", err: true},
		{in: "", err: true},
		{in: "string??", err: true},
	}
	for _, tc := range cases {
		typ, err := ParseType(tc.in)
		if tc.err {
			if err == nil {
				t.Errorf("%q: no error", tc.in)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tc.in, err)
			continue
		}
		if got := typ.String(); got != tc.out {
			t.Errorf("%q renders %q, want %q", tc.in, got, tc.out)
		}
	}
}

// TestInvalidEntries proves that a broken entry does not load.
func TestInvalidEntries(t *testing.T) {
	valid := `kind: aws.x.y
rego: y
summary: s
native: [{type: X, framework: terraform, role: owner}]
properties:
  - {name: a, type: "string?", default: "", source: "https://example.com"}
examples:
  - {name: e, framework: terraform, type: X, id: x.y, test_default: true, properties: {a: ""}}
`
	cases := []struct{ name, find, replace, want string }{
		{"valid", "", "", ""},
		{"file name", "kind: aws.x.y", "kind: aws.x.z", "belongs in aws.x.z.yaml"},
		{"unknown field", "summary: s", "summery: s", "summery"},
		{"unknown property field", `source: "https://example.com"`, `src: "https://example.com"`, "field src"},
		{"bad type", `type: "string?"`, `type: "list<string"`, "not closed"},
		{"undeclared object", `type: "string?"`, `type: "rule"`, "no object type rule"},
		{"default of the wrong type", `default: ""`, `default: 1`, "default"},
		{"default without source", `, source: "https://example.com"`, ``, "no https:// source"},
		{"example property undeclared", `properties: {a: ""}`, `properties: {a: "", b: 1}`, "b is not a declared property"},
		{"example property missing", `properties: {a: ""}`, `properties: {}`, "a is missing"},
		{"example null where never Unknown", `type: "string?"`, `type: "string"`, ""},
		{"example null of a never-Unknown type", `"string?", default: "", source: "https://example.com"}
examples:
  - {name: e, framework: terraform, type: X, id: x.y, test_default: true, properties: {a: ""}}`, `"string", default: "", source: "https://example.com"}
examples:
  - {name: e, framework: terraform, type: X, id: x.y, test_default: true, properties: {a: null}}`, "never Unknown"},
		{"example of a foreign type", "type: X, id", "type: Z, id", "not one of the kind's native types"},
		{"no test default", "test_default: true", "test_default: false", "want 1"},
		{"bad role", "role: owner", "role: folded", "neither owner nor part"},
		{"pattern matches an example's type", "native: [{type: X, framework: terraform, role: owner}]", "native: [{type: \"*\", framework: terraform, role: owner, notes: every type of a table}]", ""},
		{"pattern without notes", "native: [{type: X, framework: terraform, role: owner}]", "native: [{type: \"X*\", framework: terraform, role: owner}]", "notes must say"},
		{"pattern as a part", "native: [{type: X, framework: terraform, role: owner}]", "native: [{type: X, framework: terraform, role: owner}, {type: \"Y*\", framework: terraform, role: part, notes: n}]", "names owners, not parts"},
		{"pattern of another prefix", "native: [{type: X, framework: terraform, role: owner}]", "native: [{type: \"Y*\", framework: terraform, role: owner, notes: n}]", "not one of the kind's native types"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			text := strings.Replace(valid, tc.find, tc.replace, 1)
			_, err := Load(fstest.MapFS{"aws.x.y.yaml": {Data: []byte(text)}})
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Fatalf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func TestCheckNull(t *testing.T) {
	typ, err := ParseType("list<string>")
	if err != nil {
		t.Fatal(err)
	}
	if err := typ.Check([]any{"a", nil}, nil); err == nil || !strings.Contains(err.Error(), "[1]") {
		t.Errorf("null element of a list of never-Unknown strings: %v", err)
	}
	if err := typ.Check(nil, nil); err == nil {
		t.Error("null list of a never-Unknown type passes")
	}
}

// TestObjectDefaultChecked checks that a default of an object type is
// checked against the object's properties, whichever order they are
// declared in (it used to be checked before the object's property types
// were parsed, and crashed the loader).
func TestObjectDefaultChecked(t *testing.T) {
	entry := `kind: aws.x.y
rego: y
summary: s
native: [{type: X, framework: terraform, role: owner}]
properties:
  - {name: block, type: "settings", default: {enabled: DEFAULT}, source: "https://example.com"}
objects:
  - name: settings
    summary: s
    properties:
      - {name: enabled, type: bool}
examples:
  - {name: e, framework: terraform, type: X, id: x.y, test_default: true, properties: {block: {enabled: true}}}
`
	for _, tc := range []struct{ value, want string }{
		{"false", ""},
		{`"no"`, "default"},
	} {
		_, err := Load(fstest.MapFS{"aws.x.y.yaml": {Data: []byte(strings.Replace(entry, "DEFAULT", tc.value, 1))}})
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("default %s: unexpected error: %v", tc.value, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("default %s: error %v, want one containing %q", tc.value, err, tc.want)
		}
	}
}

// TestLoadKindAgreesWithDefault: one kind loaded on its own is the kind
// the whole registry has, and Names lists the registry's kinds.
func TestLoadKindAgreesWithDefault(t *testing.T) {
	reg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := Names(), reg.Names(); !slices.Equal(got, want) {
		t.Errorf("Names() = %v, want %v", got, want)
	}
	for _, want := range reg.Kinds() {
		got, err := LoadKind(want.Name)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("LoadKind(%s) differs from the registry's kind", want.Name)
		}
	}
	for _, name := range []string{"aws.ec2.securitygroup", "", "../kinds/aws.s3.bucket", "aws.s3.bucket/x"} {
		if k, err := LoadKind(name); k != nil || err != nil {
			t.Errorf("LoadKind(%q) = %v, %v; want nil, nil", name, k, err)
		}
	}
}
