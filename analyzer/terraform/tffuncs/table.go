// Package tffuncs builds Terraform's built-in function table for evaluating
// configurations with hcl and go-cty, from MIT, MPL-2.0 and Apache-2.0
// libraries (go-cty's stdlib, hashicorp/go-cty-funcs, hcl's tryfunc,
// go-cty-yaml) and, for the functions none of them has, implementations
// written here from Terraform's documentation. rampart is MIT licensed, so
// none of it comes from Terraform's own (BUSL-1.1) source.
//
// The table is the one terraform plan sees: impure functions (timestamp,
// plantimestamp, uuid, bcrypt) return Unknown, since their value is only
// decided at apply time.
package tffuncs

import (
	"strings"

	"github.com/hashicorp/go-cty-funcs/collection"
	"github.com/hashicorp/go-cty-funcs/crypto"
	"github.com/hashicorp/go-cty-funcs/encoding"
	"github.com/hashicorp/go-cty-funcs/filesystem"
	"github.com/hashicorp/go-cty-funcs/uuid"
	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	ctyyaml "github.com/zclconf/go-cty-yaml"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"

	"github.com/rampart-iac/rampart/analyzer/terraform/forbudget"
)

// Options configure a function table.
type Options struct {
	// BaseDir is the directory relative paths given to the file functions
	// resolve against: the root module's directory, where terraform runs.
	BaseDir string
	// SensitiveMark is the cty mark sensitive() adds, nonsensitive()
	// removes and issensitive() looks for: the same mark the caller puts
	// on sensitive variables and outputs.
	SensitiveMark any
	// EphemeralMark is the cty mark of ephemeral values (an ephemeral =
	// true variable), which ephemeralasnull replaces with null.
	EphemeralMark any
	// Iterations is the budget the %{for} directives of templates rendered
	// by templatefile and templatestring draw on: the caller's, so loops
	// in a template and around the call multiply against one budget. When
	// nil, each rendering gets forbudget.MaxIterations of its own.
	Iterations *forbudget.Meter
	// Wrap, when set, is applied to every function before it goes into the
	// table (a sandbox around the file functions, say). Templates rendered
	// by templatefile and templatestring call the wrapped functions.
	Wrap func(name string, fn function.Function) function.Function
}

// sensitiveMark is the mark sensitive() adds when Options gives none.
type sensitiveMark struct{}

// ephemeralMark stands for the ephemeral mark when Options gives none.
type ephemeralMark struct{}

// fileFuncs are the functions that read the file system; their first
// argument is the path read (for fileset, the directory searched).
var fileFuncs = map[string]bool{
	"file": true, "fileexists": true, "fileset": true, "filebase64": true, "filebase64sha256": true,
	"filebase64sha512": true, "filemd5": true, "filesha1": true, "filesha256": true, "filesha512": true,
	"templatefile": true,
}

// ReadsFiles reports whether the function named name reads the file
// system, the path (for fileset, the directory searched) being its first
// argument. A sandbox given as Options.Wrap checks those.
func ReadsFiles(name string) bool { return fileFuncs[name] }

// impureFuncs return a different value on every run; before apply their
// result is Unknown, as in terraform plan.
var impureFuncs = []string{"timestamp", "plantimestamp", "uuid", "bcrypt"}

// New returns Terraform's built-in functions, each also under the core::
// prefix, and the provider::terraform:: functions of Terraform's built-in
// provider.
func New(opts Options) map[string]function.Function {
	if opts.SensitiveMark == nil {
		opts.SensitiveMark = sensitiveMark{}
	}
	if opts.EphemeralMark == nil {
		opts.EphemeralMark = ephemeralMark{}
	}
	out := make(map[string]function.Function, 256)
	for name, fn := range base(opts) {
		out[name] = fn
	}
	// Templates see the finished table, wrapped, minus themselves.
	tmpl := &templates{funcs: func() map[string]function.Function { return out }, iterations: opts.Iterations}
	out["templatefile"] = tmpl.fileFunc(opts.BaseDir)
	out["templatestring"] = tmpl.stringFunc()
	for name, fn := range providerTerraform() {
		out[name] = fn
	}
	for _, name := range impureFuncs {
		out[name] = function.Unpredictable(out[name])
	}
	for name, fn := range out {
		out[name] = budgeted(name, fn)
	}
	if opts.Wrap != nil {
		for name, fn := range out {
			out[name] = opts.Wrap(name, fn)
		}
	}
	// Adding to a map while ranging over it may visit the additions, so
	// the aliases go into a map of their own first.
	aliases := make(map[string]function.Function, len(out))
	for name, fn := range out {
		if !strings.HasPrefix(name, "provider::") {
			aliases["core::"+name] = fn
		}
	}
	for name, fn := range aliases {
		out[name] = fn
	}
	return out
}

// base is every function but the templates, by where it comes from.
func base(opts Options) map[string]function.Function {
	return map[string]function.Function{
		// Numbers: go-cty stdlib.
		"abs":      stdlib.AbsoluteFunc,
		"ceil":     stdlib.CeilFunc,
		"floor":    stdlib.FloorFunc,
		"log":      stdlib.LogFunc,
		"max":      stdlib.MaxFunc,
		"min":      stdlib.MinFunc,
		"parseint": stdlib.ParseIntFunc,
		"pow":      stdlib.PowFunc,
		"signum":   stdlib.SignumFunc,

		// Strings: go-cty stdlib, and written here.
		"chomp":       stdlib.ChompFunc,
		"endswith":    EndsWithFunc,
		"format":      FormatFunc,
		"formatlist":  stdlib.FormatListFunc,
		"indent":      stdlib.IndentFunc,
		"join":        stdlib.JoinFunc,
		"lower":       stdlib.LowerFunc,
		"regex":       stdlib.RegexFunc,
		"regexall":    stdlib.RegexAllFunc,
		"replace":     ReplaceFunc,
		"split":       stdlib.SplitFunc,
		"startswith":  StartsWithFunc,
		"strcontains": StrContainsFunc,
		"strrev":      stdlib.ReverseFunc,
		"substr":      stdlib.SubstrFunc,
		"title":       stdlib.TitleFunc,
		"trim":        stdlib.TrimFunc,
		"trimprefix":  stdlib.TrimPrefixFunc,
		"trimsuffix":  stdlib.TrimSuffixFunc,
		"trimspace":   stdlib.TrimSpaceFunc,
		"upper":       stdlib.UpperFunc,

		// Collections.
		"alltrue":         AllTrueFunc,
		"anytrue":         AnyTrueFunc,
		"chunklist":       stdlib.ChunklistFunc,
		"coalesce":        collection.CoalesceFunc,
		"coalescelist":    stdlib.CoalesceListFunc,
		"compact":         stdlib.CompactFunc,
		"concat":          stdlib.ConcatFunc,
		"contains":        stdlib.ContainsFunc,
		"distinct":        stdlib.DistinctFunc,
		"element":         ElementFunc,
		"flatten":         stdlib.FlattenFunc,
		"index":           IndexFunc,
		"keys":            stdlib.KeysFunc,
		"length":          LengthFunc,
		"list":            ListFunc,
		"lookup":          LookupFunc,
		"map":             MapFunc,
		"matchkeys":       MatchKeysFunc,
		"merge":           stdlib.MergeFunc,
		"one":             OneFunc,
		"range":           stdlib.RangeFunc,
		"reverse":         stdlib.ReverseListFunc,
		"setintersection": stdlib.SetIntersectionFunc,
		"setproduct":      stdlib.SetProductFunc,
		"setsubtract":     stdlib.SetSubtractFunc,
		"setunion":        stdlib.SetUnionFunc,
		"slice":           stdlib.SliceFunc,
		"sort":            stdlib.SortFunc,
		"sum":             SumFunc,
		"transpose":       TransposeFunc,
		"values":          stdlib.ValuesFunc,
		"zipmap":          stdlib.ZipmapFunc,

		// Encoding.
		"base64decode":     Base64DecodeFunc,
		"base64encode":     encoding.Base64EncodeFunc,
		"base64gzip":       Base64GzipFunc,
		"csvdecode":        stdlib.CSVDecodeFunc,
		"jsondecode":       stdlib.JSONDecodeFunc,
		"jsonencode":       stdlib.JSONEncodeFunc,
		"textdecodebase64": TextDecodeBase64Func,
		"textencodebase64": TextEncodeBase64Func,
		"urlencode":        encoding.URLEncodeFunc,
		"yamldecode":       ctyyaml.YAMLDecodeFunc,
		"yamlencode":       ctyyaml.YAMLEncodeFunc,

		// File system.
		"abspath":          MakeAbsPathFunc(opts.BaseDir),
		"basename":         filesystem.BasenameFunc,
		"dirname":          filesystem.DirnameFunc,
		"pathexpand":       filesystem.PathExpandFunc,
		"file":             pathArgument(makeFileFunc(opts.BaseDir, false)),
		"filebase64":       pathArgument(makeFileFunc(opts.BaseDir, true)),
		"fileexists":       filesystem.MakeFileExistsFunc(opts.BaseDir),
		"fileset":          filesystem.MakeFileSetFunc(opts.BaseDir),
		"filemd5":          MakeFileHashFunc(opts.BaseDir, "md5", hexDigest),
		"filesha1":         MakeFileHashFunc(opts.BaseDir, "sha1", hexDigest),
		"filesha256":       MakeFileHashFunc(opts.BaseDir, "sha256", hexDigest),
		"filesha512":       MakeFileHashFunc(opts.BaseDir, "sha512", hexDigest),
		"filebase64sha256": MakeFileHashFunc(opts.BaseDir, "sha256", base64Digest),
		"filebase64sha512": MakeFileHashFunc(opts.BaseDir, "sha512", base64Digest),

		// Dates and times.
		"formatdate":    stdlib.FormatDateFunc,
		"plantimestamp": TimestampFunc,
		"timeadd":       stdlib.TimeAddFunc,
		"timecmp":       TimeCmpFunc,
		"timestamp":     TimestampFunc,

		// Hashes and crypto.
		"base64sha256": MakeStringHashFunc("sha256", base64Digest),
		"base64sha512": MakeStringHashFunc("sha512", base64Digest),
		"bcrypt":       crypto.BcryptFunc,
		"md5":          crypto.Md5Func,
		"rsadecrypt":   RsaDecryptFunc,
		"sha1":         crypto.Sha1Func,
		"sha256":       crypto.Sha256Func,
		"sha512":       crypto.Sha512Func,
		"uuid":         uuid.V4Func,
		"uuidv5":       uuid.V5Func,

		// IP networks.
		"cidrhost":    CIDRHostFunc,
		"cidrnetmask": CIDRNetmaskFunc,
		"cidrsubnet":  CIDRSubnetFunc,
		"cidrsubnets": CIDRSubnetsFunc,

		// Types and conversion.
		"can":             tryfunc.CanFunc,
		"try":             NewTryFunc(nil),
		"ephemeralasnull": makeEphemeralAsNullFunc(opts.EphemeralMark),
		"issensitive":     makeIsSensitiveFunc(opts.SensitiveMark),
		"nonsensitive":    makeNonsensitiveFunc(opts.SensitiveMark),
		"sensitive":       makeSensitiveFunc(opts.SensitiveMark),
		"tobool":          stdlib.MakeToFunc(cty.Bool),
		"tolist":          stdlib.MakeToFunc(cty.List(cty.DynamicPseudoType)),
		"tomap":           stdlib.MakeToFunc(cty.Map(cty.DynamicPseudoType)),
		"tonumber":        stdlib.MakeToFunc(cty.Number),
		"toset":           stdlib.MakeToFunc(cty.Set(cty.DynamicPseudoType)),
		"tostring":        stdlib.MakeToFunc(cty.String),
		"type":            TypeFunc,
	}
}
