package tffuncs

import (
	"errors"
	"path/filepath"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// MakeAbsPathFunc is abspath(path): path made absolute. Terraform resolves
// a relative path against its working directory, the root module's
// directory; rampart's process may run anywhere, so this resolves against
// baseDir instead (go-cty-funcs' abspath uses the process's directory).
func MakeAbsPathFunc(baseDir string) function.Function {
	return function.New(&function.Spec{
		Description: "Converts a path to an absolute path.",
		Params: []function.Parameter{
			{Name: "path", Type: cty.String},
		},
		Type:         function.StaticReturnType(cty.String),
		RefineResult: refineNotNull,
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			p := args[0].AsString()
			if !filepath.IsAbs(p) {
				p = filepath.Join(baseDir, p)
			}
			abs, err := filepath.Abs(p)
			if err != nil {
				return cty.NilVal, function.NewArgError(0, err)
			}
			return cty.StringVal(filepath.ToSlash(abs)), nil
		},
	})
}

// pathArgument reports every failure of a file-reading function as an
// error about its path argument ("Invalid function argument"), as
// Terraform does for file and filebase64; go-cty-funcs reports them as
// failures of the call.
func pathArgument(fn function.Function) function.Function {
	return function.New(&function.Spec{
		Description:  fn.Description(),
		Params:       fn.Params(),
		Type:         function.StaticReturnType(cty.String),
		RefineResult: refineNotNull,
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			v, err := fn.Call(args)
			var argErr function.ArgError
			if err != nil && !errors.As(err, &argErr) {
				return cty.NilVal, function.NewArgError(0, err)
			}
			return v, err
		},
	})
}
