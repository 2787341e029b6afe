package terraform

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

func TestDump(t *testing.T) {
	dir := os.Getenv("TFDUMP")
	if dir == "" {
		t.Skip()
	}
	for _, u := range LoadModules(context.Background(), strings.Split(dir, ","), Options{VarFiles: varFiles(), Env: strings.Fields(os.Getenv("TFENV")), Vars: map[string]string{"from_cli": "cli", "cli_list": `["a", "b"]`}}) {
		fmt.Println("UNIT", u.Path, u.Files)
		for _, r := range u.Resources {
			fmt.Printf("%s %s mod=%q rep=%v loc=%s-%d\n  %#v\n", r.ID, r.Type, r.Module, r.Representative, r.Loc, r.Loc.EndLine, r.Attrs)
			for k, v := range r.Meta {
				fmt.Printf("  meta %s = %#v @%s\n", k, v, v.Loc)
			}
			r.Attrs.Walk(func(p graph.Path, v *graph.Value) bool {
				if len(v.Trace) > 0 || v.Ref != nil || v.Kind == graph.KindUnknown {
					fmt.Printf("    %s @%s trace=%+v ref=%v reason=%q sens=%v\n", p, v.Loc, v.Trace, v.Ref, v.Reason, v.Sensitive)
				}
				return true
			})
		}
		for _, e := range u.Edges {
			fmt.Printf("EDGE %s -> %s %s .%s path=%s @%s\n", e.From, e.To, e.Kind, e.Attr, e.Path, e.Location)
		}
		for _, d := range u.Diagnostics {
			fmt.Printf("DIAG %s %s\n", d.Severity, d.Error())
		}
	}
}

func varFiles() []string {
	if v := os.Getenv("TFVARFILE"); v != "" {
		return []string{v}
	}
	return nil
}
