package cloudformation

import (
	"context"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// TestScalars checks how YAML and JSON scalars become values: what a
// number would mangle stays text, and CloudFormation's string forms of
// numbers and booleans are kept for the normalizers to coerce.
func TestScalars(t *testing.T) {
	cases := []struct {
		yaml, json, want string
	}{
		{`"22"`, `"22"`, `"22"`},
		{`22`, `22`, `22`},
		{`-1`, `-1`, `-1`},
		{`1.5`, `1.5`, `1.5`},
		{`1e3`, `1e3`, `1000`},
		{`0123`, ``, `"0123"`},
		{`012345678901`, ``, `"012345678901"`},
		{`123456789012`, `123456789012`, `123456789012`},
		{`12345678901234567890`, `12345678901234567890`, `"12345678901234567890"`},
		{`0x1F`, ``, `"0x1F"`},
		{`.inf`, ``, `".inf"`},
		{`true`, `true`, `true`},
		{`"true"`, `"true"`, `"true"`},
		{`True`, ``, `true`},
		{`yes`, ``, `"yes"`},
		{`~`, `null`, `null`},
		{`2012-10-17`, `"2012-10-17"`, `"2012-10-17"`},
		{`'it''s'`, `"it's"`, `"it's"`},
		{`"tab\there"`, `"tab\there"`, `"tab\there"`},
		{``, `"\ud83d\ude00"`, `"😀"`},
	}
	for _, tc := range cases {
		for _, form := range []struct{ name, src, file string }{
			{"yaml", "Resources:\n  R:\n    Type: Custom::X\n    Properties:\n      V: " + tc.yaml + "\n", "t.yaml"},
			{"json", `{"Resources": {"R": {"Type": "Custom::X", "Properties": {"V": ` + tc.json + `}}}}`, "t.json"},
		} {
			if (form.name == "yaml" && tc.yaml == "") || (form.name == "json" && tc.json == "") {
				continue
			}
			u := Parse(context.Background(), form.file, []byte(form.src), Options{})
			if len(u.Diagnostics) > 0 {
				t.Errorf("%s %s: %v", form.name, form.src, u.Diagnostics)
				continue
			}
			if got := u.Resources[0].Attrs.Get("V").GoString(); got != tc.want {
				t.Errorf("%s %q = %s, want %s", form.name, strings.TrimSpace(form.src), got, tc.want)
			}
		}
	}
}

func TestCidrSubnets(t *testing.T) {
	cases := []struct {
		block       string
		count, bits int
		want        string
		err         string
	}{
		{"10.0.0.0/16", 4, 8, "10.0.0.0/24 10.0.1.0/24 10.0.2.0/24 10.0.3.0/24", ""},
		{"192.168.1.7/24", 2, 5, "192.168.1.0/27 192.168.1.32/27", ""},
		{"2001:db8::/56", 2, 64, "2001:db8::/64 2001:db8:0:1::/64", ""},
		{"10.0.0.0/24", 1, 9, "", "does not fit"},
		{"10.0.0.0/24", 17, 4, "", "holds only 16 subnets"},
		{"10.0.0.0/24", 0, 4, "", "count 0"},
		{"not-a-cidr", 1, 4, "", "not a CIDR block"},
	}
	for _, tc := range cases {
		got, err := cidrSubnets(tc.block, tc.count, tc.bits)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("cidrSubnets(%s, %d, %d) error = %v, want %q", tc.block, tc.count, tc.bits, err, tc.err)
			}
			continue
		}
		if err != nil || strings.Join(got, " ") != tc.want {
			t.Errorf("cidrSubnets(%s, %d, %d) = %v, %v; want %s", tc.block, tc.count, tc.bits, got, err, tc.want)
		}
	}
}

func TestSplitSub(t *testing.T) {
	cases := []struct{ in, want, err string }{
		{"plain", "plain", ""},
		{"${A}-${B.Attr}", "{A}-{B.Attr}", ""},
		{"${!Literal} ${ Spaced }", "${Literal} {Spaced}", ""},
		{"a${", "", "unterminated"},
		{"${}", "", "empty"},
	}
	for _, tc := range cases {
		parts, err := splitSub(tc.in)
		if tc.err != "" {
			if !strings.Contains(err, tc.err) {
				t.Errorf("splitSub(%q) error = %q, want %q", tc.in, err, tc.err)
			}
			continue
		}
		var b strings.Builder
		for _, p := range parts {
			if p.ref {
				b.WriteString("{" + p.text + "}")
			} else {
				b.WriteString(p.text)
			}
		}
		if b.String() != tc.want {
			t.Errorf("splitSub(%q) = %q, want %q", tc.in, b.String(), tc.want)
		}
	}
}

// TestDuplicateKeysInLargeMaps covers both ways duplicates are found: by
// scanning small mappings and through a map for large ones.
func TestDuplicateKeysInLargeMaps(t *testing.T) {
	for _, n := range []int{3, keySetScan, keySetScan + 1, 40} {
		var b strings.Builder
		b.WriteString("Resources:\n  R:\n    Type: Custom::X\n    Properties:\n")
		for i := range n {
			b.WriteString("      K" + itoa(i) + ": v\n")
		}
		b.WriteString("      K0: again\n")
		u := Parse(context.Background(), "t.yaml", []byte(b.String()), Options{})
		line := 5 + n
		if len(u.Diagnostics) != 1 || u.Diagnostics[0].Location.StartLine != line ||
			!strings.Contains(u.Diagnostics[0].Summary, `duplicate mapping key "K0" (first defined at line 5)`) {
			t.Errorf("%d keys: diagnostics %v, want one duplicate at line %d", n, u.Diagnostics, line)
		}
		if got := u.Resources[0].Attrs.Get("K0").GoString(); got != `"again"` {
			t.Errorf("%d keys: K0 = %s, want the last value, which CloudFormation keeps", n, got)
		}
	}
}

func TestLooseEqual(t *testing.T) {
	str := func(s string) *graph.Value { return graph.String(s, graph.Location{}) }
	num := func(n float64) *graph.Value { return graph.Number(n, graph.Location{}) }
	list := func(items ...*graph.Value) *graph.Value { return graph.List(items, graph.Location{}) }
	m := func(k string, v *graph.Value) *graph.Value { return graph.Map(graph.Location{}).Set(k, v) }
	cases := []struct {
		a, b *graph.Value
		want bool
	}{
		{str("22"), num(22), true},
		{str("true"), graph.Bool(true, graph.Location{}), true},
		{str("a"), str("b"), false},
		{list(str("a"), num(1)), list(str("a"), str("1")), true},
		{list(str("a")), list(str("a"), str("b")), false},
		{m("k", str("v")), m("k", str("v")), true},
		{m("k", str("v")), m("k", str("w")), false},
		{m("k", str("v")), list(str("v")), false},
		{graph.Null(graph.Location{}), graph.Null(graph.Location{}), true},
	}
	for i, tc := range cases {
		if got := looseEqual(tc.a, tc.b); got != tc.want {
			t.Errorf("case %d: looseEqual(%s, %s) = %v", i, tc.a.GoString(), tc.b.GoString(), got)
		}
	}
}
