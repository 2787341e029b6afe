package terraform

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/rampart-iac/rampart/analyzer/terraform/forbudget"
	"github.com/rampart-iac/rampart/analyzer/terraform/tffuncs"
)

// ephemeralMark marks the value of an ephemeral = true variable, which
// ephemeralasnull turns into null, as Terraform does.
var ephemeralMark = ephemeral{}

type ephemeral struct{}

// newFunctions builds Terraform's function table for one root module (see
// package tffuncs), with the file functions resolved against base (the
// root module's directory, where terraform runs) and confined to root
// (the repository root). Templates rendered by templatefile and templatestring
// call the confined functions too, and their %{for} directives draw on the
// root module's iteration budget.
func newFunctions(base, root string, iterations *forbudget.Meter) map[string]function.Function {
	sb := sandbox{base: base, root: root}
	funcs := tffuncs.New(tffuncs.Options{
		BaseDir:       base,
		Iterations:    iterations,
		SensitiveMark: sensitiveMark,
		EphemeralMark: ephemeralMark,
		Wrap: func(name string, fn function.Function) function.Function {
			if tffuncs.ReadsFiles(name) {
				return sb.wrap(name, fn)
			}
			return fn
		},
	})
	forbudget.Provide(funcs, iterations)
	return funcs
}

// funcsFor adds Unknown-valued stand-ins for the provider-defined functions
// a module calls (provider::aws::arn_parse): rampart has no providers.
func (ev *evaluator) funcsFor(cfg *moduleConfig) map[string]function.Function {
	if len(cfg.providerFuncs) == 0 {
		return ev.funcs
	}
	out := make(map[string]function.Function, len(ev.funcs)+len(cfg.providerFuncs))
	for k, v := range ev.funcs {
		out[k] = v
	}
	for name := range cfg.providerFuncs {
		out[name] = function.New(&function.Spec{
			VarParam: &function.Parameter{
				Type: cty.DynamicPseudoType, AllowNull: true, AllowUnknown: true, AllowDynamicType: true, AllowMarked: true,
			},
			Type: function.StaticReturnType(cty.DynamicPseudoType),
			Impl: func([]cty.Value, cty.Type) (cty.Value, error) { return cty.DynamicVal, nil },
		})
	}
	return out
}

type sandbox struct {
	base, root string
}

// check refuses a path argument that resolves outside the repository root
// (symbolic links followed), so a template cannot make the scanner read
// ~/.aws/credentials into a finding.
func (sb sandbox) check(fn string, arg cty.Value) error {
	arg, _ = arg.UnmarkDeep()
	if !arg.IsKnown() || arg.IsNull() || arg.Type() != cty.String {
		return nil
	}
	p := arg.AsString()
	if strings.HasPrefix(p, "~") {
		return fmt.Errorf("%s: path %q is outside the repository root", fn, p)
	}
	if !filepath.IsAbs(p) {
		p = filepath.Join(sb.base, p)
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return fmt.Errorf("%s: resolve %q: %w", fn, p, err)
	}
	if !sb.contains(abs) {
		return fmt.Errorf("%s: path %q is outside the repository root %s", fn, arg.AsString(), sb.root)
	}
	return nil
}

// contains reports whether the absolute path abs, symbolic links resolved,
// is the root or lies below it.
func (sb sandbox) contains(abs string) bool {
	if resolved, err := filepath.EvalSymlinks(abs); err == nil {
		abs = resolved
	}
	return sb.holds(abs)
}

// holds reports whether real, absolute with its symbolic links resolved,
// is the root or lies below it.
func (sb sandbox) holds(real string) bool {
	rel, err := filepath.Rel(sb.root, real)
	return err == nil && !filepath.IsAbs(rel) && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// inBoundary reports whether dir, symbolic links resolved, lies inside the
// repository root (Options.Root), which bounds module sources as it bounds
// the file functions.
func (ev *evaluator) inBoundary(dir string) bool {
	root := ev.opts.Root
	if root == "" {
		root = ev.rootDir
	}
	// The loader resolves a directory once for every module call that
	// names it (a module source is checked for each instance calling it),
	// as it resolves the root.
	return sandbox{root: ev.loader.absRoot(root)}.holds(ev.loader.absRoot(dir))
}

func (sb sandbox) wrap(name string, fn function.Function) function.Function {
	spec := &function.Spec{
		Description: fn.Description(),
		Params:      fn.Params(),
		VarParam:    fn.VarParam(),
		Type: func(args []cty.Value) (cty.Type, error) {
			if err := sb.checkArgs(name, args); err != nil {
				return cty.DynamicPseudoType, function.NewArgError(0, err)
			}
			return fn.ReturnTypeForValues(args)
		},
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if err := sb.checkArgs(name, args); err != nil {
				return cty.DynamicVal, function.NewArgError(0, err)
			}
			return fn.Call(args)
		},
	}
	return function.New(spec)
}

func (sb sandbox) checkArgs(name string, args []cty.Value) error {
	if len(args) == 0 {
		return nil
	}
	if err := sb.check(name, args[0]); err != nil {
		return err
	}
	if name == "fileset" && len(args) > 1 {
		pat, _ := args[1].UnmarkDeep()
		if pat.IsKnown() && !pat.IsNull() && pat.Type() == cty.String && strings.Contains(pat.AsString(), "..") {
			return fmt.Errorf("fileset: pattern %q may leave the repository root", pat.AsString())
		}
	}
	return nil
}
