package tffuncs

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// terraformBuiltins is every built-in function Terraform 1.9 documents
// (plus ephemeralasnull, from 1.10).
var terraformBuiltins = []string{
	"abs", "ceil", "floor", "log", "max", "min", "parseint", "pow", "signum",
	"chomp", "endswith", "format", "formatlist", "indent", "join", "lower", "regex", "regexall",
	"replace", "split", "startswith", "strcontains", "strrev", "substr", "templatestring", "title",
	"trim", "trimprefix", "trimsuffix", "trimspace", "upper",
	"alltrue", "anytrue", "chunklist", "coalesce", "coalescelist", "compact", "concat", "contains",
	"distinct", "element", "flatten", "index", "keys", "length", "list", "lookup", "map",
	"matchkeys", "merge", "one", "range", "reverse", "setintersection", "setproduct", "setsubtract",
	"setunion", "slice", "sort", "sum", "transpose", "values", "zipmap",
	"base64decode", "base64encode", "base64gzip", "csvdecode", "jsondecode", "jsonencode",
	"textdecodebase64", "textencodebase64", "urlencode", "yamldecode", "yamlencode",
	"abspath", "dirname", "pathexpand", "basename", "file", "fileexists", "fileset", "filebase64",
	"templatefile",
	"formatdate", "plantimestamp", "timeadd", "timecmp", "timestamp",
	"base64sha256", "base64sha512", "bcrypt", "filebase64sha256", "filebase64sha512", "filemd5",
	"filesha1", "filesha256", "filesha512", "md5", "rsadecrypt", "sha1", "sha256", "sha512", "uuid",
	"uuidv5",
	"cidrhost", "cidrnetmask", "cidrsubnet", "cidrsubnets",
	"can", "issensitive", "nonsensitive", "sensitive", "tobool", "tolist", "tomap", "tonumber",
	"toset", "tostring", "try", "type", "ephemeralasnull",
}

func TestEveryBuiltin(t *testing.T) {
	table := New(Options{BaseDir: t.TempDir(), SensitiveMark: secretMark{}})
	for _, name := range terraformBuiltins {
		if _, ok := table[name]; !ok {
			t.Errorf("no function %s", name)
		}
		if _, ok := table["core::"+name]; !ok {
			t.Errorf("no function core::%s", name)
		}
	}
	for _, name := range []string{"provider::terraform::encode_tfvars", "provider::terraform::decode_tfvars", "provider::terraform::encode_expr"} {
		if _, ok := table[name]; !ok {
			t.Errorf("no function %s", name)
		}
	}
}

// smokeCalls is a typical call of every function in the table, and what
// it gives: a value's GoString, "unknown" for a wholly unknown value, or
// "error: <substring>" for the functions Terraform refuses in
// configuration.
var smokeCalls = map[string][2]string{
	"abs":                                {`abs(-1.5)`, "cty.NumberFloatVal(1.5)"},
	"ceil":                               {`ceil(1.2)`, "cty.NumberIntVal(2)"},
	"floor":                              {`floor(1.8)`, "cty.NumberIntVal(1)"},
	"log":                                {`log(8, 2)`, "cty.NumberIntVal(3)"},
	"max":                                {`max(1, 3, 2)`, "cty.NumberIntVal(3)"},
	"min":                                {`min(1, 3, 2)`, "cty.NumberIntVal(1)"},
	"parseint":                           {`parseint("ff", 16)`, "cty.NumberIntVal(255)"},
	"pow":                                {`pow(2, 10)`, "cty.NumberIntVal(1024)"},
	"signum":                             {`signum(-3)`, "cty.NumberIntVal(-1)"},
	"chomp":                              {`chomp("a\n")`, `cty.StringVal("a")`},
	"endswith":                           {`endswith("abc", "bc")`, "cty.True"},
	"format":                             {`format("%s-%03d", "a", 7)`, `cty.StringVal("a-007")`},
	"formatlist":                         {`formatlist("%s!", ["a", "b"])`, `cty.ListVal([]cty.Value{cty.StringVal("a!"), cty.StringVal("b!")})`},
	"indent":                             {`indent(2, "a\nb")`, `cty.StringVal("a\n  b")`},
	"join":                               {`join(",", ["a", "b"])`, `cty.StringVal("a,b")`},
	"lower":                              {`lower("AbC")`, `cty.StringVal("abc")`},
	"regex":                              {`regex("[0-9]+", "ab123")`, `cty.StringVal("123")`},
	"regexall":                           {`regexall("[0-9]", "a1b2")`, `cty.ListVal([]cty.Value{cty.StringVal("1"), cty.StringVal("2")})`},
	"replace":                            {`replace("a-b", "-", "+")`, `cty.StringVal("a+b")`},
	"split":                              {`split(",", "a,b")`, `cty.ListVal([]cty.Value{cty.StringVal("a"), cty.StringVal("b")})`},
	"startswith":                         {`startswith("abc", "ab")`, "cty.True"},
	"strcontains":                        {`strcontains("abc", "b")`, "cty.True"},
	"strrev":                             {`strrev("abc")`, `cty.StringVal("cba")`},
	"substr":                             {`substr("hello", 1, 3)`, `cty.StringVal("ell")`},
	"templatestring":                     {`templatestring(tpl.x, {x = 1})`, `cty.StringVal("1")`},
	"title":                              {`title("hello world")`, `cty.StringVal("Hello World")`},
	"trim":                               {`trim("?!a?!", "!?")`, `cty.StringVal("a")`},
	"trimprefix":                         {`trimprefix("ab", "a")`, `cty.StringVal("b")`},
	"trimsuffix":                         {`trimsuffix("ab", "b")`, `cty.StringVal("a")`},
	"trimspace":                          {`trimspace(" a ")`, `cty.StringVal("a")`},
	"upper":                              {`upper("a")`, `cty.StringVal("A")`},
	"alltrue":                            {`alltrue([true])`, "cty.True"},
	"anytrue":                            {`anytrue([false, true])`, "cty.True"},
	"chunklist":                          {`chunklist(["a", "b", "c"], 2)`, `cty.ListVal([]cty.Value{cty.ListVal([]cty.Value{cty.StringVal("a"), cty.StringVal("b")}), cty.ListVal([]cty.Value{cty.StringVal("c")})})`},
	"coalesce":                           {`coalesce("", "a")`, `cty.StringVal("a")`},
	"coalescelist":                       {`coalescelist([], ["a"])`, `cty.TupleVal([]cty.Value{cty.StringVal("a")})`},
	"compact":                            {`compact(["", "a"])`, `cty.ListVal([]cty.Value{cty.StringVal("a")})`},
	"concat":                             {`concat(["a"], ["b"])`, `cty.TupleVal([]cty.Value{cty.StringVal("a"), cty.StringVal("b")})`},
	"contains":                           {`contains(["a"], "a")`, "cty.True"},
	"distinct":                           {`distinct(["a", "a"])`, `cty.ListVal([]cty.Value{cty.StringVal("a")})`},
	"element":                            {`element(["a", "b"], 3)`, `cty.StringVal("b")`},
	"flatten":                            {`flatten([["a"], ["b"]])`, `cty.TupleVal([]cty.Value{cty.StringVal("a"), cty.StringVal("b")})`},
	"index":                              {`index(["a", "b"], "b")`, "cty.NumberIntVal(1)"},
	"keys":                               {`keys({b = 1, a = 2})`, `cty.TupleVal([]cty.Value{cty.StringVal("a"), cty.StringVal("b")})`},
	"length":                             {`length(["a"])`, "cty.NumberIntVal(1)"},
	"list":                               {`list("a")`, "error: deprecated"},
	"lookup":                             {`lookup({a = 1}, "b", 2)`, "cty.NumberIntVal(2)"},
	"map":                                {`map("a", 1)`, "error: deprecated"},
	"matchkeys":                          {`matchkeys(["x"], ["k"], ["k"])`, `cty.ListVal([]cty.Value{cty.StringVal("x")})`},
	"merge":                              {`merge({a = 1}, {b = 2})`, `cty.ObjectVal(map[string]cty.Value{"a":cty.NumberIntVal(1), "b":cty.NumberIntVal(2)})`},
	"one":                                {`one(["a"])`, `cty.StringVal("a")`},
	"range":                              {`range(2)`, `cty.ListVal([]cty.Value{cty.NumberIntVal(0), cty.NumberIntVal(1)})`},
	"reverse":                            {`reverse(["a", "b"])`, `cty.TupleVal([]cty.Value{cty.StringVal("b"), cty.StringVal("a")})`},
	"setintersection":                    {`setintersection(["a", "b"], ["b"])`, `cty.SetVal([]cty.Value{cty.StringVal("b")})`},
	"setproduct":                         {`setproduct(["a"], ["b"])`, `cty.ListVal([]cty.Value{cty.TupleVal([]cty.Value{cty.StringVal("a"), cty.StringVal("b")})})`},
	"setsubtract":                        {`setsubtract(["a", "b"], ["a"])`, `cty.SetVal([]cty.Value{cty.StringVal("b")})`},
	"setunion":                           {`setunion(["a"], ["b"])`, `cty.SetVal([]cty.Value{cty.StringVal("a"), cty.StringVal("b")})`},
	"slice":                              {`slice(["a", "b", "c"], 1, 2)`, `cty.TupleVal([]cty.Value{cty.StringVal("b")})`},
	"sort":                               {`sort(["b", "a"])`, `cty.ListVal([]cty.Value{cty.StringVal("a"), cty.StringVal("b")})`},
	"sum":                                {`sum([1, 2])`, "cty.NumberIntVal(3)"},
	"transpose":                          {`transpose({a = ["x"]})`, `cty.MapVal(map[string]cty.Value{"x":cty.ListVal([]cty.Value{cty.StringVal("a")})})`},
	"values":                             {`values({a = 1})`, `cty.TupleVal([]cty.Value{cty.NumberIntVal(1)})`},
	"zipmap":                             {`zipmap(["a"], [1])`, `cty.ObjectVal(map[string]cty.Value{"a":cty.NumberIntVal(1)})`},
	"base64decode":                       {`base64decode("YQ==")`, `cty.StringVal("a")`},
	"base64encode":                       {`base64encode("a")`, `cty.StringVal("YQ==")`},
	"base64gzip":                         {`length(base64gzip("a")) > 0`, "cty.True"},
	"csvdecode":                          {`csvdecode("a\n1\n")`, `cty.ListVal([]cty.Value{cty.ObjectVal(map[string]cty.Value{"a":cty.StringVal("1")})})`},
	"jsondecode":                         {`jsondecode("{\"a\":1}")`, `cty.ObjectVal(map[string]cty.Value{"a":cty.NumberIntVal(1)})`},
	"jsonencode":                         {`jsonencode({a = 1})`, `cty.StringVal("{\"a\":1}")`},
	"textdecodebase64":                   {`textdecodebase64("YQ==", "UTF-8")`, `cty.StringVal("a")`},
	"textencodebase64":                   {`textencodebase64("a", "UTF-8")`, `cty.StringVal("YQ==")`},
	"urlencode":                          {`urlencode("a b")`, `cty.StringVal("a+b")`},
	"yamldecode":                         {`yamldecode("a: 1")`, `cty.ObjectVal(map[string]cty.Value{"a":cty.NumberIntVal(1)})`},
	"yamlencode":                         {`yamlencode({a = 1})`, `cty.StringVal("\"a\": 1\n")`},
	"abspath":                            {`startswith(abspath("a"), "/")`, "cty.True"},
	"dirname":                            {`dirname("a/b")`, `cty.StringVal("a")`},
	"pathexpand":                         {`pathexpand("a/b")`, `cty.StringVal("a/b")`},
	"basename":                           {`basename("a/b")`, `cty.StringVal("b")`},
	"file":                               {`file("hello.txt")`, `cty.StringVal("hello\n")`},
	"fileexists":                         {`fileexists("hello.txt")`, "cty.True"},
	"fileset":                            {`fileset(".", "*.txt")`, `cty.SetVal([]cty.Value{cty.StringVal("hello.txt"), cty.StringVal("tpl.txt")})`},
	"filebase64":                         {`filebase64("hello.txt")`, `cty.StringVal("aGVsbG8K")`},
	"templatefile":                       {`templatefile("tpl.txt", {name = "a"})`, `cty.StringVal("hi a")`},
	"formatdate":                         {`formatdate("YYYY-MM-DD", "2024-03-01T10:00:00Z")`, `cty.StringVal("2024-03-01")`},
	"plantimestamp":                      {`plantimestamp()`, "unknown"},
	"timeadd":                            {`timeadd("2024-01-01T00:00:00Z", "1h")`, `cty.StringVal("2024-01-01T01:00:00Z")`},
	"timecmp":                            {`timecmp("2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z")`, "cty.NumberIntVal(-1)"},
	"timestamp":                          {`timestamp()`, "unknown"},
	"base64sha256":                       {`base64sha256("a")`, `cty.StringVal("ypeBEsobvcr6wjGzmiPcTaeG7/gUfE5yuYB3ha/uSLs=")`},
	"base64sha512":                       {`length(base64sha512("a"))`, "cty.NumberIntVal(88)"},
	"bcrypt":                             {`bcrypt("a")`, "unknown"},
	"filebase64sha256":                   {`filebase64sha256("hello.txt")`, `cty.StringVal("WJG1tSLV3whtD/CxEPvZ0hu0/HFjrzTQgoai6Eb2vgM=")`},
	"filebase64sha512":                   {`length(filebase64sha512("hello.txt"))`, "cty.NumberIntVal(88)"},
	"filemd5":                            {`filemd5("hello.txt")`, `cty.StringVal("b1946ac92492d2347c6235b4d2611184")`},
	"filesha1":                           {`filesha1("hello.txt")`, `cty.StringVal("f572d396fae9206628714fb2ce00f72e94f2258f")`},
	"filesha256":                         {`filesha256("hello.txt")`, `cty.StringVal("5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03")`},
	"filesha512":                         {`length(filesha512("hello.txt"))`, "cty.NumberIntVal(128)"},
	"md5":                                {`md5("a")`, `cty.StringVal("0cc175b9c0f1b6a831c399e269772661")`},
	"rsadecrypt":                         {`rsadecrypt(ciphertext, private_key)`, `cty.StringVal("secret")`},
	"sha1":                               {`sha1("a")`, `cty.StringVal("86f7e437faa5a7fce15d1ddcb9eaeaea377667b8")`},
	"sha256":                             {`sha256("a")`, `cty.StringVal("ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb")`},
	"sha512":                             {`length(sha512("a"))`, "cty.NumberIntVal(128)"},
	"uuid":                               {`uuid()`, "unknown"},
	"uuidv5":                             {`uuidv5("dns", "www.terraform.io")`, `cty.StringVal("a5008fae-b28c-5ba5-96cd-82b4c53552d6")`},
	"cidrhost":                           {`cidrhost("10.12.112.0/20", 16)`, `cty.StringVal("10.12.112.16")`},
	"cidrnetmask":                        {`cidrnetmask("10.0.0.0/8")`, `cty.StringVal("255.0.0.0")`},
	"cidrsubnet":                         {`cidrsubnet("10.1.0.0/16", 8, 2)`, `cty.StringVal("10.1.2.0/24")`},
	"cidrsubnets":                        {`cidrsubnets("10.1.0.0/16", 4, 4)`, `cty.ListVal([]cty.Value{cty.StringVal("10.1.0.0/20"), cty.StringVal("10.1.16.0/20")})`},
	"can":                                {`can(regex("^a", "b"))`, "cty.False"},
	"issensitive":                        {`issensitive(sensitive(1))`, "cty.True"},
	"nonsensitive":                       {`nonsensitive(sensitive(1))`, "cty.NumberIntVal(1)"},
	"sensitive":                          {`sensitive("a")`, `cty.StringVal("a").Mark(tffuncs.secretMark{})`},
	"tobool":                             {`tobool("true")`, "cty.True"},
	"tolist":                             {`tolist(["a"])`, `cty.ListVal([]cty.Value{cty.StringVal("a")})`},
	"tomap":                              {`tomap({a = "b"})`, `cty.MapVal(map[string]cty.Value{"a":cty.StringVal("b")})`},
	"tonumber":                           {`tonumber("1")`, "cty.NumberIntVal(1)"},
	"toset":                              {`toset(["a", "a"])`, `cty.SetVal([]cty.Value{cty.StringVal("a")})`},
	"tostring":                           {`tostring(1)`, `cty.StringVal("1")`},
	"try":                                {`try(regex("^a", "b"), "fallback")`, `cty.StringVal("fallback")`},
	"type":                               {`type("a")`, "error: terraform console"},
	"ephemeralasnull":                    {`ephemeralasnull("a")`, `cty.StringVal("a")`},
	"provider::terraform::encode_tfvars": {`provider::terraform::encode_tfvars({a = 1})`, `cty.StringVal("a = 1\n")`},
	"provider::terraform::decode_tfvars": {`provider::terraform::decode_tfvars("a = 1")`, `cty.ObjectVal(map[string]cty.Value{"a":cty.NumberIntVal(1)})`},
	"provider::terraform::encode_expr":   {`provider::terraform::encode_expr({a = 1})`, "cty.StringVal(\"{\\n  a = 1\\n}\")"},
}

// TestSmoke calls every function in the table, and again under core::,
// with typical arguments; a function added without a smoke call fails.
func TestSmoke(t *testing.T) {
	dir := newTestDir(t)
	table := New(Options{BaseDir: dir, SensitiveMark: secretMark{}})
	ciphertext, privateKey := rsaFixture(t)
	vars := map[string]cty.Value{"ciphertext": cty.StringVal(ciphertext), "private_key": cty.StringVal(privateKey), "tpl": templateVars()}
	var names []string
	for name := range table {
		if !strings.HasPrefix(name, "core::") {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			c, ok := smokeCalls[name]
			if !ok {
				t.Fatalf("no smoke call for %s", name)
			}
			srcs := []string{c[0]}
			if !strings.HasPrefix(name, "provider::") {
				if _, ok := table["core::"+name]; !ok {
					t.Fatalf("no core::%s", name)
				}
				srcs = append(srcs, strings.Replace(c[0], name+"(", "core::"+name+"(", 1))
			}
			for _, src := range srcs {
				expr, diags := hclsyntax.ParseExpression([]byte(src), "smoke.tf", hcl.Pos{Line: 1, Column: 1})
				if diags.HasErrors() {
					t.Fatalf("parse %s: %s", src, diags.Error())
				}
				v, diags := expr.Value(&hcl.EvalContext{Variables: vars, Functions: table})
				switch want := c[1]; {
				case strings.HasPrefix(want, "error: "):
					if !diags.HasErrors() || !strings.Contains(diags.Error(), strings.TrimPrefix(want, "error: ")) {
						t.Errorf("%s = %#v, %v; want an error containing %q", src, v, diags, strings.TrimPrefix(want, "error: "))
					}
				case diags.HasErrors():
					t.Errorf("%s: %s", src, diags.Error())
				case want == "unknown":
					if v.IsKnown() {
						t.Errorf("%s = %#v, want an unknown value", src, v)
					}
				case v.GoString() != want:
					t.Errorf("%s =\n  %s\nwant\n  %s", src, v.GoString(), want)
				}
			}
		})
	}
}

// rsaFixture encrypts "secret" for a fresh key, as rsadecrypt expects:
// Base64 PKCS #1 v1.5 ciphertext and a PEM private key.
func rsaFixture(t *testing.T) (string, string) {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	// Terraform's rsadecrypt is defined on PKCS #1 v1.5 ciphertexts, so the
	// test has to make one.
	//lint:ignore SA1019 the function under test decrypts exactly this scheme
	ct, err := rsa.EncryptPKCS1v15(rand.Reader, &key.PublicKey, []byte("secret"))
	if err != nil {
		t.Fatal(err)
	}
	pemKey := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)})
	return base64.StdEncoding.EncodeToString(ct), string(pemKey)
}

// TestWrap checks that Options.Wrap sees every function once, before the
// core:: aliases, and that templates call the wrapped functions.
func TestWrap(t *testing.T) {
	seen := map[string]int{}
	stub := function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func([]cty.Value, cty.Type) (cty.Value, error) {
			return cty.StringVal("wrapped"), nil
		},
	})
	table := New(Options{BaseDir: t.TempDir(), Wrap: func(name string, fn function.Function) function.Function {
		seen[name]++
		if ReadsFiles(name) {
			return stub
		}
		return fn
	}})
	for name := range table {
		if n := seen[strings.TrimPrefix(name, "core::")]; n != 1 {
			t.Errorf("Wrap saw %s %d times, want once", name, n)
		}
	}
	for _, src := range []string{`file("x")`, `core::filesha256("x")`, `templatestring(tpl.file, {})`} {
		expr, diags := hclsyntax.ParseExpression([]byte(src), "wrap.tf", hcl.Pos{Line: 1, Column: 1})
		if diags.HasErrors() {
			t.Fatal(diags.Error())
		}
		v, diags := expr.Value(&hcl.EvalContext{Functions: table, Variables: map[string]cty.Value{"tpl": templateVars()}})
		if diags.HasErrors() || v.GoString() != `cty.StringVal("wrapped")` {
			t.Errorf("%s = %#v, %v; want the wrapped function's value", src, v, diags)
		}
	}
	if ReadsFiles("upper") || !ReadsFiles("templatefile") {
		t.Error("ReadsFiles is wrong about upper or templatefile")
	}
}
