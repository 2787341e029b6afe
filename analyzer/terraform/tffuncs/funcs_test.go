package tffuncs

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// secretMark stands for the front-end's sensitive mark.
type secretMark struct{}

// newTestDir makes the directory the file functions read: hello.txt
// ("hello\n"), a template, and a template that renders itself.
func newTestDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"hello.txt": "hello\n",
		"tpl.txt":   "hi ${name}",
		"self.tpl":  `${templatefile("self.tpl", {})}`,
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func testVars() map[string]cty.Value {
	return map[string]cty.Value{
		"u_str":  cty.UnknownVal(cty.String),
		"u_num":  cty.UnknownVal(cty.Number),
		"u_bool": cty.UnknownVal(cty.Bool),
		"u_list": cty.UnknownVal(cty.List(cty.String)),
		"u_map":  cty.UnknownVal(cty.Map(cty.String)),
		"u_any":  cty.DynamicVal,
		// An unknown string whose start is known, as a template like
		// "arn:aws:${var.x}" produces.
		"arn":    cty.UnknownVal(cty.String).Refine().NotNull().StringPrefix("arn:aws:").NewValue(),
		"secret": cty.StringVal("hunter2").Mark(secretMark{}),
		"secret_map": cty.MapVal(map[string]cty.Value{
			"a": cty.StringVal("x"),
		}).Mark(secretMark{}),
		"str_map": cty.MapVal(map[string]cty.Value{"a": cty.StringVal("x")}),
		// templatestring renders only templates held elsewhere.
		"tpl": templateVars(),
		// An ephemeral = true variable's value.
		"token":        cty.StringVal("t0k3n").Mark(ephemeralMark{}),
		"secret_token": cty.StringVal("t0k3n").WithMarks(cty.NewValueMarks(ephemeralMark{}, secretMark{})),
		"tpl_secret":   cty.StringVal("${x}").Mark(secretMark{}),
	}
}

// deepParens is 100,000 nested parentheses around 1.
var deepParens = strings.Repeat("(", 100_000) + "1" + strings.Repeat(")", 100_000)

// templateVars are templates for templatestring, which refuses a literal
// template: they are read from this object instead, as Terraform wants
// them read from elsewhere.
func templateVars() cty.Value {
	return cty.ObjectVal(map[string]cty.Value{
		"hello":         cty.StringVal("Hello ${name}!"),
		"loop":          cty.StringVal("%{ for x in xs }${upper(x)},%{ endfor }"),
		"cond":          cty.StringVal("%{ if on }yes%{ else }no%{ endif }"),
		"plain":         cty.StringVal("plain"),
		"x":             cty.StringVal("${x}"),
		"xy":            cty.StringVal("${x}-y"),
		"ab":            cty.StringVal("a ${b}"),
		"missing":       cty.StringVal("${missing}"),
		"broken":        cty.StringVal("${"),
		"nested_string": cty.StringVal(`${templatestring(x, {})}`),
		"nested_file":   cty.StringVal(`${core::templatefile("tpl.txt", {name = 1})}`),
		"file":          cty.StringVal(`${file("x")}`),
		"number":        cty.NumberIntVal(7),
		"null":          cty.NullVal(cty.String),
		// Deep enough to overflow the stack of hcl's recursive parser.
		"deep":        cty.StringVal("${" + deepParens + "}"),
		"deep_tfvars": cty.StringVal("a = " + deepParens),
	})
}

// call evaluates one expression with the table.
func call(t *testing.T, dir, src string) (cty.Value, hcl.Diagnostics) {
	t.Helper()
	expr, diags := hclsyntax.ParseExpression([]byte(src), "test.tf", hcl.Pos{Line: 1, Column: 1})
	if diags.HasErrors() {
		t.Fatalf("parse %s: %s", src, diags.Error())
	}
	ctx := &hcl.EvalContext{
		Variables: testVars(),
		Functions: New(Options{BaseDir: dir, SensitiveMark: secretMark{}}),
	}
	return expr.Value(ctx)
}

type funcCase struct {
	expr string
	want string // GoString of the value; ABS:rel for dir/rel
	err  string // substring of the error, instead of want
}

func runCases(t *testing.T, cases []funcCase) {
	t.Helper()
	dir := newTestDir(t)
	for _, tc := range cases {
		t.Run(tc.expr, func(t *testing.T) {
			v, diags := call(t, dir, tc.expr)
			if tc.err != "" {
				if !diags.HasErrors() || !strings.Contains(diags.Error(), tc.err) {
					t.Fatalf("%s = %#v, %v; want an error containing %q", tc.expr, v, diags, tc.err)
				}
				return
			}
			if diags.HasErrors() {
				t.Fatalf("%s: %s", tc.expr, diags.Error())
			}
			want := tc.want
			if rel, ok := strings.CutPrefix(want, "ABS:"); ok {
				// A path below the test directory.
				want = cty.StringVal(filepath.ToSlash(filepath.Join(dir, rel))).GoString()
			}
			if got := v.GoString(); got != want {
				t.Errorf("%s =\n  %s\nwant\n  %s", tc.expr, got, want)
			}
		})
	}
}

const (
	unknownBool   = "cty.UnknownVal(cty.Bool).RefineNotNull()"
	unknownString = "cty.UnknownVal(cty.String).RefineNotNull()"
	unknownNumber = "cty.UnknownVal(cty.Number).RefineNotNull()"
)

func TestStringFuncs(t *testing.T) {
	runCases(t, []funcCase{
		// Terraform 1.11 gives Unknown for an argument of no type (a
		// bare null), and formats a typed null.
		{expr: `format("%v", null)`, want: "cty.UnknownVal(cty.String).RefineNotNull()"},
		{expr: `format("%s-%v", "a", null)`, want: "cty.UnknownVal(cty.String).RefineNotNull()"},
		{expr: `format("%v", tostring(null))`, want: `cty.StringVal("null")`},
		{expr: `format("%v", {a = null})`, want: `cty.StringVal("{\"a\":null}")`},
		{expr: `formatlist("%v", [null])`, want: `cty.ListVal([]cty.Value{cty.StringVal("null")})`},
		{expr: `startswith("hello world", "hello")`, want: "cty.True"},
		{expr: `startswith("hello world", "world")`, want: "cty.False"},
		{expr: `startswith("", "")`, want: "cty.True"},
		{expr: `startswith("héllo", "hé")`, want: "cty.True"},
		// The known start of an unknown string can decide the answer.
		{expr: `startswith(arn, "arn:")`, want: "cty.True"},
		{expr: `startswith(arn, "arn:azure:")`, want: "cty.False"},
		{expr: `startswith(arn, "arn:aws:s3:")`, want: unknownBool},
		{expr: `startswith(u_str, "x")`, want: unknownBool},
		{expr: `startswith("x", u_str)`, want: unknownBool},
		{expr: `startswith(null, "x")`, err: "must not be null"},
		{expr: `startswith(secret, "hun")`, want: "cty.True.Mark(tffuncs.secretMark{})"},
		{expr: `endswith("hello world", "world")`, want: "cty.True"},
		{expr: `endswith("hello world", "hello")`, want: "cty.False"},
		{expr: `endswith(u_str, "x")`, want: unknownBool},
		{expr: `endswith(["a"], "x")`, err: "string required"},
		{expr: `strcontains("hello world", "o w")`, want: "cty.True"},
		{expr: `strcontains("hello world", "banana")`, want: "cty.False"},
		{expr: `strcontains(u_str, "a")`, want: unknownBool},
		{expr: `strcontains("abc", "")`, want: "cty.True"},
		{expr: `strcontains(null, "a")`, err: "must not be null"},
		{expr: `replace("1 + 2 + 3", "+", "-")`, want: `cty.StringVal("1 - 2 - 3")`},
		{expr: `replace("hello world", "/w.*d/", "everybody")`, want: `cty.StringVal("hello everybody")`},
		{expr: `replace("a1b22", "/([0-9]+)/", "<$1>")`, want: `cty.StringVal("a<1>b<22>")`},
		// A lone slash is a literal, not an empty pattern.
		{expr: `replace("a/b", "/", "-")`, want: `cty.StringVal("a-b")`},
		{expr: `replace("abc", "/(/", "x")`, err: "error parsing regexp"},
		{expr: `replace(u_str, "a", "b")`, want: unknownString},
	})
}

func TestCollectionFuncs(t *testing.T) {
	runCases(t, []funcCase{
		// element wraps past the end, but Terraform refuses a negative index.
		{expr: `element(["a", "b", "c"], 4)`, want: `cty.StringVal("b")`},
		{expr: `element(["a", "b", "c"], -1)`, err: "negative index"},
		{expr: `element(["a", "b", "c"], "-1")`, err: "negative index"},
		{expr: `element(["a", "b", "c"], u_num)`, want: "cty.DynamicVal"},
		{expr: `alltrue([true, "true"])`, want: "cty.True"},
		{expr: `alltrue([])`, want: "cty.True"},
		{expr: `alltrue([true, false])`, want: "cty.False"},
		{expr: `alltrue([true, null])`, want: "cty.False"},
		// The first element that is not true decides: an unknown one
		// before a false one makes alltrue unknown, as in Terraform.
		{expr: `alltrue([u_bool, false])`, want: unknownBool},
		{expr: `alltrue([false, u_bool])`, want: "cty.False"},
		{expr: `alltrue([null, u_bool])`, want: "cty.False"},
		{expr: `alltrue([u_bool, true])`, want: unknownBool},
		{expr: `alltrue(["maybe"])`, err: "a bool is required"},
		{expr: `anytrue([false, "true"])`, want: "cty.True"},
		{expr: `anytrue([])`, want: "cty.False"},
		{expr: `anytrue([false, null])`, want: "cty.False"},
		{expr: `anytrue([u_bool, true])`, want: "cty.True"},
		{expr: `anytrue([true, u_bool])`, want: "cty.True"},
		{expr: `anytrue([u_bool, false])`, want: unknownBool},
		{expr: `anytrue(u_list)`, want: unknownBool},

		{expr: `length("héllo")`, want: "cty.NumberIntVal(5)"},
		{expr: `length("👍🏽")`, want: "cty.NumberIntVal(1)"},
		{expr: `length("")`, want: "cty.NumberIntVal(0)"},
		{expr: `length([1, 2, 3])`, want: "cty.NumberIntVal(3)"},
		{expr: `length({a = 1, b = 2})`, want: "cty.NumberIntVal(2)"},
		{expr: `length(tomap({a = 1}))`, want: "cty.NumberIntVal(1)"},
		{expr: `length(toset(["a", "a", "b"]))`, want: "cty.NumberIntVal(2)"},
		// A tuple's length is its type's, known with unknown elements.
		{expr: `length([u_str, u_num])`, want: "cty.NumberIntVal(2)"},
		{expr: `length(u_list)`, want: "cty.UnknownVal(cty.Number).Refine().NotNull().NumberLowerBound(cty.NumberIntVal(0), true).NumberUpperBound(cty.NumberIntVal(9.223372036854775807e+18), true).NewValue()"},
		{expr: `length(arn)`, want: "cty.UnknownVal(cty.Number).Refine().NotNull().NumberLowerBound(cty.NumberIntVal(8), true).NewValue()"},
		{expr: `length(u_any)`, want: unknownNumber},
		{expr: `length(secret)`, want: "cty.NumberIntVal(7).Mark(tffuncs.secretMark{})"},
		{expr: `length(5)`, err: "must be a string, a collection type, or a structural type"},
		{expr: `length(null)`, err: "must not be null"},

		{expr: `index(["a", "b", "c"], "b")`, want: "cty.NumberIntVal(1)"},
		{expr: `index(["a", "b", "b"], "b")`, want: "cty.NumberIntVal(1)"},
		{expr: `index([1, "2", true], "2")`, want: "cty.NumberIntVal(1)"},
		{expr: `index(tolist([1, 2]), 2)`, want: "cty.NumberIntVal(1)"},
		{expr: `index(["a"], "z")`, err: "item not found"},
		{expr: `index([u_str, "b"], "b")`, want: "cty.UnknownVal(cty.Number).Refine().NotNull().NumberLowerBound(cty.NumberIntVal(0), true).NewValue()"},
		{expr: `index(["b", u_str], "b")`, want: "cty.NumberIntVal(0)"},
		{expr: `index(u_list, "b")`, want: "cty.UnknownVal(cty.Number).Refine().NotNull().NumberLowerBound(cty.NumberIntVal(0), true).NewValue()"},
		{expr: `index({a = "b"}, "b")`, err: "must be a list or tuple"},

		{expr: `list(1, 2)`, err: "tolist([ ... ])"},
		{expr: `map("a", 1)`, err: "tomap({ ... })"},

		{expr: `lookup({a = "x", b = 1}, "a")`, want: `cty.StringVal("x")`},
		{expr: `lookup({a = "x"}, "b", null)`, want: "cty.NullVal(cty.DynamicPseudoType)"},
		{expr: `lookup({a = "x"}, "b", "d")`, want: `cty.StringVal("d")`},
		{expr: `lookup({a = "x"}, "b")`, err: `lookup failed to find key "b"`},
		{expr: `lookup(str_map, "a", "d")`, want: `cty.StringVal("x")`},
		{expr: `lookup(str_map, "b", "d")`, want: `cty.StringVal("d")`},
		{expr: `lookup(str_map, "b", 1)`, want: `cty.StringVal("1")`},
		{expr: `lookup(str_map, "b", null)`, want: "cty.NullVal(cty.String)"},
		{expr: `lookup(str_map, "b")`, err: `lookup failed to find key "b"`},
		{expr: `lookup(str_map, "b", ["x"])`, err: "same type as the map elements"},
		{expr: `lookup(u_map, "a", "d")`, want: "cty.UnknownVal(cty.String)"},
		{expr: `lookup(str_map, u_str, "d")`, want: "cty.UnknownVal(cty.String)"},
		{expr: `lookup(secret_map, "a", "d")`, want: `cty.StringVal("x").Mark(tffuncs.secretMark{})`},
		{expr: `lookup("x", "a", "d")`, err: "requires a map"},
		{expr: `lookup(str_map, "a", "d", "e")`, err: "no more"},

		{expr: `matchkeys(["i-123", "i-abc", "i-def"], ["us-west", "us-east", "us-east"], ["us-east"])`,
			want: `cty.ListVal([]cty.Value{cty.StringVal("i-abc"), cty.StringVal("i-def")})`},
		{expr: `matchkeys(["a", "b"], [1, 2], [3])`, want: "cty.ListValEmpty(cty.String)"},
		{expr: `matchkeys([], [], ["x"])`, want: "cty.ListValEmpty(cty.DynamicPseudoType)"},
		{expr: `matchkeys(["a"], ["k1", "k2"], ["k1"])`, err: "length of keys and values should be equal"},
		{expr: `matchkeys(["a"], ["k"], u_list)`, want: "cty.UnknownVal(cty.List(cty.String)).RefineNotNull()"},

		{expr: `one([])`, want: "cty.NullVal(cty.DynamicPseudoType)"},
		{expr: `one(tolist([]))`, want: "cty.NullVal(cty.DynamicPseudoType)"},
		{expr: `one(["a"])`, want: `cty.StringVal("a")`},
		{expr: `one(toset(["a", "a"]))`, want: `cty.StringVal("a")`},
		{expr: `one(["a", "b"])`, err: "either zero or one elements"},
		{expr: `one(tolist(["a", "b"]))`, err: "either zero or one elements"},
		{expr: `one({a = 1})`, err: "either zero or one elements"},
		{expr: `one(u_list)`, want: "cty.UnknownVal(cty.String)"},
		{expr: `one(toset([u_str, u_str]))`, want: "cty.UnknownVal(cty.String)"},
		{expr: `one([u_str])`, want: "cty.UnknownVal(cty.String)"},
		{expr: `one(secret_map)`, err: "either zero or one elements"},
		{expr: `one(sensitive(["a"]))`, want: `cty.StringVal("a").Mark(tffuncs.secretMark{})`},

		{expr: `sum([1, 2, 3])`, want: "cty.NumberIntVal(6)"},
		{expr: `sum(toset([1.5, 2]))`, want: "cty.NumberFloatVal(3.5)"},
		{expr: `sum([-1, 1])`, want: "cty.NumberIntVal(0)"},
		{expr: `sum([1, u_num])`, want: unknownNumber},
		{expr: `sum([])`, err: "cannot sum an empty list"},
		{expr: `sum([1, null])`, err: "element 1 is null"},
		{expr: `sum(["a"])`, err: "element 0"},
		{expr: `sum(5)`, err: "must be a list, set, or tuple"},

		{expr: `transpose({a = ["1", "2"], b = ["2", "3"]})`,
			want: `cty.MapVal(map[string]cty.Value{"1":cty.ListVal([]cty.Value{cty.StringVal("a")}), "2":cty.ListVal([]cty.Value{cty.StringVal("a"), cty.StringVal("b")}), "3":cty.ListVal([]cty.Value{cty.StringVal("b")})})`},
		{expr: `transpose({})`, want: "cty.MapValEmpty(cty.List(cty.String))"},
		{expr: `transpose({a = []})`, want: "cty.MapValEmpty(cty.List(cty.String))"},
		{expr: `transpose({a = [u_str]})`, want: "cty.UnknownVal(cty.Map(cty.List(cty.String))).RefineNotNull()"},
		{expr: `transpose({a = [null]})`, err: "holds a null"},
		{expr: `transpose({a = "x"})`, err: "list of string required"},
	})
}

func TestEncodingFuncs(t *testing.T) {
	runCases(t, []funcCase{
		// Byte for byte what terraform plan gives (flushed, then closed).
		{expr: `base64gzip("hello")`, want: `cty.StringVal("H4sIAAAAAAAA/8pIzcnJBwAAAP//AQAA//+GphA2BQAAAA==")`},
		{expr: `base64gzip("")`, want: `cty.StringVal("H4sIAAAAAAAA/wAAAP//AQAA//8AAAAAAAAAAA==")`},
		{expr: `base64decode("SGVsbG8gV29ybGQ=")`, want: `cty.StringVal("Hello World")`},
		{expr: `base64decode("")`, want: `cty.StringVal("")`},
		{expr: `base64decode("/w==")`, err: "not valid UTF-8"},
		{expr: `base64decode("not base64!")`, err: "failed to decode base64 data"},
		{expr: `base64decode(u_str)`, want: unknownString},
		{expr: `base64gzip(u_str)`, want: unknownString},
		{expr: `base64gzip(null)`, err: "must not be null"},
		{expr: `textencodebase64("Hello World", "UTF-16LE")`, want: `cty.StringVal("SABlAGwAbABvACAAVwBvAHIAbABkAA==")`},
		{expr: `textencodebase64("€", "windows-1252")`, want: `cty.StringVal("gA==")`},
		{expr: `textencodebase64("€", "ISO-8859-1")`, err: "cannot be represented in ISO-8859-1"},
		{expr: `textencodebase64("x", "klingon")`, err: "not a supported IANA encoding"},
		{expr: `textencodebase64(u_str, "UTF-8")`, want: unknownString},
		{expr: `textdecodebase64("SABlAGwAbABvACAAVwBvAHIAbABkAA==", "UTF-16LE")`, want: `cty.StringVal("Hello World")`},
		{expr: `textdecodebase64("gA==", "windows-1252")`, want: `cty.StringVal("€")`},
		{expr: `textdecodebase64("%%%", "UTF-8")`, err: "invalid base64 symbol"},
		{expr: `textdecodebase64("SGk=", "klingon")`, err: "not a supported IANA encoding"},
		{expr: `base64sha256("hello world")`, want: `cty.StringVal("uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=")`},
		{expr: `base64sha512("hello world")`, want: `cty.StringVal("MJ7MSJwS1utMxA9QyQLytNDtd+5RGnx6m808qG1M2G+YndNbxf9JlnDaNCVbRbDP2DDoH2Bdz33FVC6TrpzXbw==")`},
		{expr: `base64sha256(u_str)`, want: unknownString},
		{expr: `filemd5("hello.txt")`, want: `cty.StringVal("b1946ac92492d2347c6235b4d2611184")`},
		{expr: `filesha1("hello.txt")`, want: `cty.StringVal("f572d396fae9206628714fb2ce00f72e94f2258f")`},
		{expr: `filesha256("hello.txt")`, want: `cty.StringVal("5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03")`},
		{expr: `filesha512("hello.txt")`, want: `cty.StringVal("e7c22b994c59d9cf2b48e549b1e24666636045930d3da7c1acb299d1c3b7f931f94aae41edda2c2b207a36e10f8bcb8d45223e54878f5b316e7ce3b6bc019629")`},
		{expr: `filebase64sha256("hello.txt")`, want: `cty.StringVal("WJG1tSLV3whtD/CxEPvZ0hu0/HFjrzTQgoai6Eb2vgM=")`},
		{expr: `filebase64sha512("hello.txt")`, want: `cty.StringVal("58IrmUxZ2c8rSOVJseJGZmNgRZMNPafBrLKZ0cO3+TH5Sq5B7dosKyB6NuEPi8uNRSI+VIePWzFufOO2vAGWKQ==")`},
		{expr: `filemd5("nope.txt")`, err: "no file exists at"},
		{expr: `filesha256(u_str)`, want: unknownString},
	})
}

func TestTimeAndNetworkFuncs(t *testing.T) {
	runCases(t, []funcCase{
		{expr: `timecmp("2017-11-22T00:00:00Z", "2017-11-22T00:00:00Z")`, want: "cty.NumberIntVal(0)"},
		{expr: `timecmp("2017-11-22T00:00:00Z", "2017-11-22T01:00:00Z")`, want: "cty.NumberIntVal(-1)"},
		{expr: `timecmp("2017-11-22T01:00:00Z", "2017-11-22T00:00:00Z")`, want: "cty.NumberIntVal(1)"},
		// The same instant written with different offsets.
		{expr: `timecmp("2017-11-22T01:00:00Z", "2017-11-22T00:00:00-01:00")`, want: "cty.NumberIntVal(0)"},
		{expr: `timecmp("2017-11-22T00:00:00.5Z", "2017-11-22T00:00:00Z")`, want: "cty.NumberIntVal(1)"},
		{expr: `timecmp("2017-11-22", "2017-11-22T00:00:00Z")`, err: "not a valid RFC3339 timestamp"},
		{expr: `timecmp(u_str, "2017-11-22T00:00:00Z")`,
			want: "cty.UnknownVal(cty.Number).Refine().NotNull().NumberLowerBound(cty.NumberIntVal(-1), true).NumberUpperBound(cty.NumberIntVal(1), true).NewValue()"},
		{expr: `timestamp()`, want: "cty.UnknownVal(cty.String)"},
		{expr: `plantimestamp()`, want: "cty.UnknownVal(cty.String)"},
		{expr: `uuid()`, want: "cty.UnknownVal(cty.String)"},
		{expr: `bcrypt("x")`, want: "cty.UnknownVal(cty.String)"},
		{expr: `cidrnetmask("172.16.0.0/12")`, want: `cty.StringVal("255.240.0.0")`},
		{expr: `cidrnetmask("10.1.2.3/32")`, want: `cty.StringVal("255.255.255.255")`},
		{expr: `cidrnetmask("fd00::/8")`, err: "IPv6 addresses cannot have a netmask"},
		{expr: `cidrnetmask("banana")`, err: "invalid CIDR expression"},
		{expr: `cidrnetmask(u_str)`, want: unknownString},
		// Leading zeros are decimal, as in Terraform.
		{expr: `cidrnetmask("010.0.0.0/8")`, want: `cty.StringVal("255.0.0.0")`},
		{expr: `cidrhost("010.001.0.0/16", 9)`, want: `cty.StringVal("10.1.0.9")`},
		{expr: `cidrhost("10.0.0.0/24", -1)`, want: `cty.StringVal("10.0.0.255")`},
		{expr: `cidrhost("10.0.0.0/30", 9)`, err: "does not accommodate a host numbered 9"},
		{expr: `cidrsubnet("010.0.0.0/8", 8, 1)`, want: `cty.StringVal("10.1.0.0/16")`},
		{expr: `cidrsubnet("fd00:fd12:3456:7890::/56", 16, 162)`, want: `cty.StringVal("fd00:fd12:3456:7800:a200::/72")`},
		{expr: `cidrsubnets("10.0.0.0/8", 8, 8)`, want: `cty.ListVal([]cty.Value{cty.StringVal("10.0.0.0/16"), cty.StringVal("10.1.0.0/16")})`},
		{expr: `cidrsubnet("300.0.0.0/8", 8, 1)`, err: "invalid CIDR address"},
		{expr: `cidrsubnet(u_str, 8, 1)`, want: unknownString},
		{expr: `cidrnetmask("1.2.3/8")`, err: "invalid CIDR expression"},
		{expr: `cidrnetmask("0256.0.0.0/8")`, err: "invalid CIDR expression"},
		{expr: `abspath("a/../b")`, want: "ABS:b"},
		{expr: `abspath("")`, want: "ABS:"},
		{expr: `abspath("/etc/../x")`, want: `cty.StringVal("/x")`},
		{expr: `abspath(u_str)`, want: unknownString},
	})
}

func TestSensitiveFuncs(t *testing.T) {
	runCases(t, []funcCase{
		{expr: `sensitive("x")`, want: `cty.StringVal("x").Mark(tffuncs.secretMark{})`},
		{expr: `sensitive(u_str)`, want: `cty.UnknownVal(cty.String).Mark(tffuncs.secretMark{})`},
		{expr: `sensitive(null)`, want: `cty.NullVal(cty.DynamicPseudoType).Mark(tffuncs.secretMark{})`},
		{expr: `nonsensitive(secret)`, want: `cty.StringVal("hunter2")`},
		{expr: `nonsensitive(sensitive(["a"]))`, want: `cty.TupleVal([]cty.Value{cty.StringVal("a")})`},
		// Current Terraform no longer refuses this.
		{expr: `nonsensitive("x")`, want: `cty.StringVal("x")`},
		{expr: `issensitive(secret)`, want: "cty.True"},
		{expr: `issensitive(sensitive(u_str))`, want: "cty.True"},
		{expr: `issensitive("x")`, want: "cty.False"},
		{expr: `issensitive(u_str)`, want: unknownBool},
		// A value derived from a sensitive one is sensitive too.
		{expr: `issensitive(upper(secret))`, want: "cty.True"},
		{expr: `ephemeralasnull("x")`, want: `cty.StringVal("x")`},
		{expr: `ephemeralasnull(secret)`, want: `cty.StringVal("hunter2").Mark(tffuncs.secretMark{})`},
		{expr: `ephemeralasnull(u_any)`, want: "cty.DynamicVal"},
		// Ephemeral parts become nulls of their type; other marks stay.
		{expr: `ephemeralasnull(token)`, want: "cty.NullVal(cty.String)"},
		{expr: `ephemeralasnull(secret_token)`, want: "cty.NullVal(cty.String).Mark(tffuncs.secretMark{})"},
		{expr: `ephemeralasnull([token, "a"])`, want: `cty.TupleVal([]cty.Value{cty.NullVal(cty.String), cty.StringVal("a")})`},
		{expr: `ephemeralasnull({a = token, b = 1})`, want: `cty.ObjectVal(map[string]cty.Value{"a":cty.NullVal(cty.String), "b":cty.NumberIntVal(1)})`},
		{expr: `ephemeralasnull(token) == null`, want: "cty.True"},
		{expr: `type("x")`, err: "only available in terraform console"},
	})
}

func TestTemplateFuncs(t *testing.T) {
	runCases(t, []funcCase{
		{expr: `templatestring(tpl.hello, {name = "x"})`, want: `cty.StringVal("Hello x!")`},
		{expr: `templatestring(tpl.loop, {xs = ["a", "b"]})`, want: `cty.StringVal("A,B,")`},
		{expr: `templatestring(tpl.cond, {on = false})`, want: `cty.StringVal("no")`},
		{expr: `templatestring(tpl["plain"], {})`, want: `cty.StringVal("plain")`},
		// The result is a string even when the template is one interpolation.
		{expr: `templatestring(tpl.x, {x = 2})`, want: `cty.StringVal("2")`},
		{expr: `templatestring(tpl.x, {x = true})`, want: `cty.StringVal("true")`},
		{expr: `templatestring(tpl.x, {x = ["a"]})`, err: "invalid template result"},
		{expr: `templatestring(tpl.number, {})`, want: `cty.StringVal("7")`},
		{expr: `templatestring(tpl.null, {})`, err: "template must not be null"},
		// The template must be a direct reference.
		{expr: `templatestring("plain", {})`, err: "does not support providing a literal template"},
		{expr: `templatestring("$${x}", {x = 1})`, err: "does not support providing a literal template"},
		{expr: `templatestring("${tpl.x}", {x = 1})`, err: "without any template interpolation syntax"},
		{expr: `templatestring("a${tpl.x}", {x = 1})`, err: "must be a direct reference"},
		{expr: `templatestring(upper(tpl.x), {x = 1})`, err: "must be a direct reference"},
		{expr: `templatestring(true ? tpl.x : "", {x = 1})`, err: "must be a direct reference"},
		{expr: `templatestring(tpl.x, {x = u_str})`, want: "cty.UnknownVal(cty.String).RefineNotNull()"},
		{expr: `templatestring(tpl.xy, {x = u_str})`, want: unknownString},
		{expr: `templatestring(u_str, {})`, want: "cty.UnknownVal(cty.String).RefineNotNull()"},
		{expr: `templatestring(tpl.ab, u_map)`, want: "cty.UnknownVal(cty.String).RefineNotNull()"},
		{expr: `templatestring(tpl.missing, {other = 1})`, err: `vars map does not contain key "missing"`},
		{expr: `templatestring(tpl.broken, {})`, err: "failed to parse template"},
		{expr: `templatestring(tpl.deep, {})`, err: "nested too deeply"},
		{expr: `templatestring(tpl.plain, {"not valid" = 1})`, err: "invalid template variable name"},
		{expr: `templatestring(tpl.plain, "vars")`, err: "vars must be a map or an object"},
		{expr: `templatestring(tpl.nested_string, {x = "y"})`, err: "cannot call templatestring from inside a template"},
		{expr: `templatestring(tpl.nested_file, {})`, err: "cannot call templatefile from inside a template"},
		{expr: `templatestring(tpl.x, {x = secret})`, want: `cty.StringVal("hunter2").Mark(tffuncs.secretMark{})`},
		{expr: `templatestring(tpl_secret, {x = "a"})`, want: `cty.StringVal("a").Mark(tffuncs.secretMark{})`},
		{expr: `templatefile("tpl.txt", {name = "x"})`, want: `cty.StringVal("hi x")`},
		{expr: `templatefile("tpl.txt", {name = u_str})`, want: "cty.UnknownVal(cty.String).Refine().NotNull().StringPrefixFull(\"hi \").NewValue()"},
		{expr: `templatefile("self.tpl", {})`, err: "cannot call templatefile from inside a template"},
		{expr: `templatefile("nope.tpl", {})`, err: "no file exists at"},
		{expr: `templatefile("tpl.txt", {})`, err: `vars map does not contain key "name"`},
	})
}

func TestProviderTerraformFuncs(t *testing.T) {
	runCases(t, []funcCase{
		{expr: `provider::terraform::encode_expr("a")`, want: `cty.StringVal("\"a\"")`},
		{expr: `provider::terraform::encode_expr([1, true])`, want: `cty.StringVal("[1, true]")`},
		{expr: `provider::terraform::encode_expr(u_str)`, want: unknownString},
		{expr: `provider::terraform::encode_tfvars({b = [1], a = "x"})`, want: `cty.StringVal("a = \"x\"\nb = [1]\n")`},
		{expr: `provider::terraform::encode_tfvars({"no good" = 1})`, err: "invalid variable name"},
		{expr: `provider::terraform::encode_tfvars("x")`, err: "must be an object"},
		{expr: `provider::terraform::encode_tfvars({a = u_str})`, want: unknownString},
		{expr: `provider::terraform::decode_tfvars("a = 1\nb = \"x\"\n")`,
			want: `cty.ObjectVal(map[string]cty.Value{"a":cty.NumberIntVal(1), "b":cty.StringVal("x")})`},
		{expr: `provider::terraform::decode_tfvars("a = var.x")`, err: "invalid value for a"},
		{expr: `provider::terraform::decode_tfvars("a = ")`, err: "invalid tfvars syntax"},
		{expr: `provider::terraform::decode_tfvars(tpl.deep_tfvars)`, err: "nested too deeply"},
	})
}

// TestBase64Gzip checks base64gzip by undoing it.
func TestBase64Gzip(t *testing.T) {
	dir := newTestDir(t)
	for _, in := range []string{"", "hello", strings.Repeat("abc", 1000), "héllo 👍"} {
		v, diags := call(t, dir, fmt.Sprintf("base64gzip(%q)", in))
		if diags.HasErrors() {
			t.Fatalf("base64gzip(%q): %s", in, diags.Error())
		}
		raw, err := base64.StdEncoding.DecodeString(v.AsString())
		if err != nil {
			t.Fatalf("base64gzip(%q) is not Base64: %v", in, err)
		}
		r, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			t.Fatalf("base64gzip(%q) is not gzip: %v", in, err)
		}
		out, err := io.ReadAll(r)
		if err != nil || string(out) != in {
			t.Errorf("base64gzip(%q) decompresses to %q, %v", in, out, err)
		}
	}
}

// TestTimestamp checks the function behind timestamp() and
// plantimestamp(), which the table itself turns Unknown.
func TestTimestamp(t *testing.T) {
	before := time.Now().UTC().Truncate(time.Second)
	v, err := TimestampFunc.Call(nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := time.Parse(time.RFC3339, v.AsString())
	if err != nil || got.Before(before) || got.Location() != time.UTC || !strings.HasSuffix(v.AsString(), "Z") {
		t.Errorf("timestamp() = %s (%v), want the current UTC time in RFC 3339", v.AsString(), err)
	}
}

// TestErrorSummaries checks which failures hcl reports as "Invalid function
// argument" (an error about one argument) and which as "Error in function
// call": the summary terraform plan gives for the same call.
func TestErrorSummaries(t *testing.T) {
	dir := newTestDir(t)
	for _, tc := range []struct{ expr, summary string }{
		{`base64decode("!!!")`, "Error in function call"},
		{`base64decode("/w==")`, "Error in function call"},
		{`element(["a"], -1)`, "Error in function call"},
		{`length(5)`, "Error in function call"},
		{`cidrnetmask("fd00::/64")`, "Error in function call"},
		{`provider::terraform::encode_tfvars({"a b" = 1})`, "Error in function call"},
		{`provider::terraform::decode_tfvars("a = var.x")`, "Error in function call"},
		{`file("nope.txt")`, "Invalid function argument"},
		{`filebase64("nope.txt")`, "Invalid function argument"},
		{`filemd5("nope.txt")`, "Error in function call"},
		{`filebase64sha256("nope.txt")`, "Error in function call"},
		{`rsadecrypt("not base64!", "key")`, "Invalid function argument"},
		{`rsadecrypt("YQ==", "not a key")`, "Invalid function argument"},
		{`length(null)`, "Invalid function argument"},
		{`sum([])`, "Invalid function argument"},
		{`one(["a", "b"])`, "Invalid function argument"},
	} {
		_, diags := call(t, dir, tc.expr)
		if len(diags) != 1 || diags[0].Summary != tc.summary {
			t.Errorf("%s: %v, want one error %q", tc.expr, diags, tc.summary)
		}
	}
}
