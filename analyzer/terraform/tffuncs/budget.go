package tffuncs

import (
	"bytes"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"unicode/utf8"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	yaml "go.yaml.in/yaml/v3"

	"github.com/rampart-iac/rampart/analyzer/terraform/nesting"
)

// Budgets bound what one function call may build, so a hostile
// configuration fails with an error at the call instead of allocating
// gigabytes. They are far above anything a real configuration computes.
const (
	// MaxStringBytes bounds a string a function returns: twice the
	// largest file read, so the base64 of any readable file fits.
	MaxStringBytes = 32 << 20
	// MaxElements bounds the elements of a collection a function returns.
	MaxElements = 100_000
	// MaxFormatWidth bounds the width and precision of a format verb.
	MaxFormatWidth = 4096
	// MaxAliasNodes bounds the values yamldecode's aliases expand to, so a
	// "billion laughs" document fails after a few milliseconds.
	MaxAliasNodes = 100_000
)

// argChecks refuse, before the function runs, arguments that would make it
// build more than the budgets allow.
var argChecks = map[string]func(args []cty.Value) error{
	"format":     checkFormatArgs,
	"formatlist": checkFormatArgs,
	"indent":     checkIndentArgs,
	"join":       checkJoinArgs,
	"replace":    checkReplaceArgs,
	"setproduct": checkProductArgs,
	"jsondecode": checkJSONArgs,
	"yamldecode": checkYAMLArgs,
}

// Budgeted wraps fn as New wraps every function of its table, for a
// caller that puts a function of its own in the table's place.
func Budgeted(name string, fn function.Function) function.Function {
	return budgeted(name, fn)
}

// budgeted wraps fn: arguments over budget are refused before it runs, a
// result over budget is refused after, and a panic inside it (which cty
// turns into an error carrying the whole goroutine stack) becomes a short
// error naming the function. Its parameters take anything, so unknown,
// null and marked arguments reach fn as they would without the wrapper,
// and fn's own handling (and refinement) of them stays in force.
func budgeted(name string, fn function.Function) function.Function {
	check := argChecks[name]
	return function.New(&function.Spec{
		Description: fn.Description(),
		Params:      transparent(fn.Params()),
		VarParam:    transparentOne(fn.VarParam()),
		// The wrapper's own type is left dynamic: fn's type is asked, and
		// its errors reported, when the wrapper calls it, and asking here
		// too ran every function's type twice (and decoded jsondecode's
		// and yamldecode's argument once more, which find the type of
		// their result by decoding it). Its parameters take anything,
		// so cty never answers for it from that type, and any result
		// conforms to it.
		Type: function.StaticReturnType(cty.DynamicPseudoType),
		Impl: func(args []cty.Value, _ cty.Type) (v cty.Value, err error) {
			defer recoverShort(name, &err)
			args = listsForTuples(name, args)
			if check != nil {
				if err := check(unmarked(args)); err != nil {
					return cty.NilVal, err
				}
			}
			v, err = fn.Call(args)
			if err != nil {
				return v, shortPanic(name, err)
			}
			return v, checkResult(name, v)
		},
	})
}

// listsForTuples gives toset and tolist a tuple whose elements all have
// one type as a list of that type. The result is the same, but cty finds
// the common element type of a tuple by comparing every pair of element
// types: toset over a literal of 20,000 strings took seconds.
func listsForTuples(name string, args []cty.Value) []cty.Value {
	if (name != "toset" && name != "tolist") || len(args) != 1 {
		return args
	}
	v := args[0]
	if v.ContainsMarked() || !v.IsKnown() || v.IsNull() || !v.Type().IsTupleType() || v.LengthInt() < 2 {
		return args
	}
	etys := v.Type().TupleElementTypes()
	for _, ety := range etys[1:] {
		if !ety.Equals(etys[0]) {
			return args
		}
	}
	if etys[0] == cty.DynamicPseudoType {
		return args
	}
	return []cty.Value{cty.ListVal(v.AsValueSlice())}
}

func transparent(ps []function.Parameter) []function.Parameter {
	out := make([]function.Parameter, len(ps))
	for i := range ps {
		out[i] = *transparentOne(&ps[i])
	}
	return out
}

func transparentOne(p *function.Parameter) *function.Parameter {
	if p == nil {
		return nil
	}
	c := *p
	c.AllowNull, c.AllowUnknown, c.AllowDynamicType, c.AllowMarked = true, true, true, true
	return &c
}

// recoverShort turns a panic in the wrapper's own checks into the same
// short error as one in the function.
func recoverShort(name string, err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("%s cannot compute this: %v", name, r)
	}
}

func shortPanic(name string, err error) error {
	var pe function.PanicError
	if !errors.As(err, &pe) {
		return err
	}
	return fmt.Errorf("%s cannot compute this: %v", name, pe.Value)
}

// unmarked returns args without marks; checks look only at what is known.
func unmarked(args []cty.Value) []cty.Value {
	out := make([]cty.Value, len(args))
	for i, a := range args {
		out[i], _ = a.UnmarkDeep()
	}
	return out
}

func knownString(v cty.Value) (string, bool) {
	if !v.IsKnown() || v.IsNull() || v.Type() != cty.String {
		return "", false
	}
	return v.AsString(), true
}

func checkResult(name string, v cty.Value) error {
	u, _ := v.Unmark()
	if !u.IsKnown() || u.IsNull() {
		return nil
	}
	switch ty := u.Type(); {
	case ty == cty.String:
		if n := len(u.AsString()); n > MaxStringBytes {
			return fmt.Errorf("%s would return a string of %d bytes; rampart allows at most %d", name, n, MaxStringBytes)
		}
	case ty.IsCollectionType() || ty.IsTupleType() || ty.IsObjectType():
		if n := u.LengthInt(); n > MaxElements {
			return fmt.Errorf("%s would return %d elements; rampart allows at most %d", name, n, MaxElements)
		}
	}
	return nil
}

// checkFormatArgs refuses a width or precision over MaxFormatWidth in a
// format string: format("%0999999999d", 1) would allocate a gigabyte.
func checkFormatArgs(args []cty.Value) error {
	if len(args) == 0 {
		return nil
	}
	f, ok := knownString(args[0])
	if !ok {
		return nil
	}
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			continue
		}
		// Flags, an argument index, then digits of width and precision.
		for i++; i < len(f) && f[i] != '%'; i++ {
			c := f[i]
			if c >= '1' && c <= '9' {
				n := 0
				for ; i < len(f) && f[i] >= '0' && f[i] <= '9'; i++ {
					n = n*10 + int(f[i]-'0')
					if n > MaxFormatWidth {
						return function.NewArgErrorf(0, "a format width or precision is at most %d", MaxFormatWidth)
					}
				}
				i--
				continue
			}
			if !strings.ContainsRune("+-# 0.[]*", rune(c)) {
				break // the verb
			}
		}
	}
	return nil
}

// checkIndentArgs bounds indent(n, s), which adds n spaces per line.
func checkIndentArgs(args []cty.Value) error {
	if len(args) < 2 || !args[0].IsKnown() || args[0].IsNull() || args[0].Type() != cty.Number {
		return nil
	}
	s, ok := knownString(args[1])
	if !ok {
		return nil
	}
	n := args[0].AsBigFloat()
	lines := big.NewFloat(float64(strings.Count(s, "\n")))
	grow := new(big.Float).Mul(n, lines)
	if grow.Cmp(big.NewFloat(MaxStringBytes)) > 0 {
		return function.NewArgErrorf(0, "indenting %d lines by %s spaces would build a string of more than %d bytes",
			strings.Count(s, "\n"), n.String(), MaxStringBytes)
	}
	return nil
}

// checkJoinArgs bounds the string join builds.
func checkJoinArgs(args []cty.Value) error {
	if len(args) < 2 {
		return nil
	}
	sep, _ := knownString(args[0])
	total := 0
	for _, list := range args[1:] {
		if !list.IsKnown() || list.IsNull() || !list.CanIterateElements() {
			continue
		}
		for it := list.ElementIterator(); it.Next(); {
			_, e := it.Element()
			s, _ := knownString(e)
			total += len(s) + len(sep)
			if total > MaxStringBytes {
				return function.NewArgErrorf(1, "joining these strings would build a string of more than %d bytes", MaxStringBytes)
			}
		}
	}
	return nil
}

// checkReplaceArgs bounds the string replace builds: each match grows it
// by the replacement.
func checkReplaceArgs(args []cty.Value) error {
	if len(args) < 3 {
		return nil
	}
	s, ok1 := knownString(args[0])
	sub, ok2 := knownString(args[1])
	rep, ok3 := knownString(args[2])
	if !ok1 || !ok2 || !ok3 || len(rep) <= len(sub) {
		return nil
	}
	// A regular expression matches at most once per position.
	matches := utf8.RuneCountInString(s) + 1
	if !(len(sub) > 1 && sub[0] == '/' && sub[len(sub)-1] == '/') {
		matches = strings.Count(s, sub)
	}
	if len(s)+matches*(len(rep)-len(sub)) > MaxStringBytes {
		return function.NewArgErrorf(2, "these replacements would build a string of more than %d bytes", MaxStringBytes)
	}
	return nil
}

// checkProductArgs bounds the elements setproduct builds.
func checkProductArgs(args []cty.Value) error {
	total := 1
	for i, a := range args {
		if !a.IsKnown() || a.IsNull() || !a.CanIterateElements() {
			return nil
		}
		total *= a.LengthInt()
		if total > MaxElements {
			return function.NewArgErrorf(i, "the product of these collections has more than %d elements", MaxElements)
		}
		if total == 0 {
			return nil
		}
	}
	return nil
}

// checkJSONArgs refuses JSON nested deeper than nesting.MaxDepth, which
// the decoder walks recursively.
func checkJSONArgs(args []cty.Value) error {
	if len(args) == 0 {
		return nil
	}
	s, ok := knownString(args[0])
	if !ok {
		return nil
	}
	if diags := nesting.JSON([]byte(s), "<jsondecode argument>"); diags.HasErrors() {
		return function.NewArgErrorf(0, "%s", diags[0].Detail)
	}
	return nil
}

// checkYAMLArgs refuses YAML whose aliases expand to more than
// MaxAliasNodes values, or that nests deeper than nesting.MaxDepth: the
// decoder copies every alias it meets.
func checkYAMLArgs(args []cty.Value) error {
	if len(args) == 0 {
		return nil
	}
	s, ok := knownString(args[0])
	if !ok {
		return nil
	}
	if err := checkFlowNesting(s); err != nil {
		return function.NewArgError(0, err)
	}
	var doc yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader([]byte(s))).Decode(&doc); err != nil {
		return nil // the decoder reports the syntax error itself
	}
	w := yamlWalk{sizes: map[*yaml.Node]int{}}
	if _, err := w.size(&doc, 0); err != nil {
		return function.NewArgError(0, err)
	}
	return nil
}

// yamlWalk counts the values a YAML document expands to, each anchored
// node once.
type yamlWalk struct {
	sizes map[*yaml.Node]int
}

func (w *yamlWalk) size(n *yaml.Node, depth int) (int, error) {
	if depth > nesting.MaxDepth {
		return 0, fmt.Errorf("the document nests deeper than %d levels (line %d)", nesting.MaxDepth, n.Line)
	}
	if s, ok := w.sizes[n]; ok {
		return s, nil
	}
	target := n
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		target = n.Alias
	}
	total := 1
	if target != n {
		s, err := w.size(target, depth+1)
		if err != nil {
			return 0, err
		}
		total = s
	} else {
		for _, c := range n.Content {
			s, err := w.size(c, depth+1)
			if err != nil {
				return 0, err
			}
			total += s
			if total > MaxAliasNodes {
				return 0, fmt.Errorf("the document's aliases expand to more than %d values (line %d)", MaxAliasNodes, n.Line)
			}
		}
	}
	w.sizes[n] = total
	return total, nil
}

// checkFlowNesting bounds the nesting of YAML flow collections ([ and {)
// before a parser sees them: block collections nest only as deep as their
// indentation, but flow collections nest one level per byte. Brackets in
// quoted scalars and comments do not count; an unbalanced one in a plain
// scalar does, which only makes the bound stricter.
func checkFlowNesting(s string) error {
	depth, line := 0, 1
	var quote byte
	comment := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\n':
			line++
			comment = false
			if quote == 0 {
				continue
			}
		case comment:
		case quote != 0:
			if c == quote {
				quote = 0
			} else if c == '\\' && quote == '"' {
				i++
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#' && (i == 0 || s[i-1] == ' ' || s[i-1] == '\t' || s[i-1] == '\n'):
			comment = true
		case c == '[' || c == '{':
			depth++
			if depth > nesting.MaxDepth {
				return fmt.Errorf("the document nests deeper than %d levels (line %d)", nesting.MaxDepth, line)
			}
		case c == ']' || c == '}':
			depth = max(depth-1, 0)
		}
	}
	return nil
}
