package analyzer

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/rampart-iac/rampart/analyzer/engine"
	"github.com/rampart-iac/rampart/analyzer/graph"
)

// accountSummary is what account-scope rules (engine.ScopeAccount) need of
// a scan, gathered unit by unit so a unit's graph can be released once it
// is evaluated: the canonical resources of the kinds those rules list, the
// native parts of those kinds that no resource of their unit holds, and
// each unit's main file. It stays small: a scan of application stacks
// keeps a few VPCs, trails and recorders, not every resource.
type accountSummary struct {
	eng   *engine.Engine
	scope engine.AccountScope
	acct  engine.Account
}

// newAccountSummary starts an empty summary for the account rules eng
// enables; with none enabled it keeps nothing.
func newAccountSummary(eng *engine.Engine) *accountSummary {
	return &accountSummary{eng: eng, scope: eng.AccountScope()}
}

// add records what the account rules read of one unit.
func (s *accountSummary) add(ur unitResources) {
	if s.scope.Empty() || ur.unit == nil {
		return
	}
	u := ur.unit
	s.acct.Units = append(s.acct.Units, engine.AccountUnit{Path: u.Path, File: mainFile(u), Source: u.Source})
	held := map[string]bool{}
	for _, c := range ur.canon {
		held[c.Native.ID] = true
		for _, p := range c.Parts {
			held[p] = true
		}
		if s.scope.Kinds[c.Kind] {
			s.acct.Resources = append(s.acct.Resources, c)
			if v := mayNotExist(c.Native); v != nil {
				if s.acct.MayNotExist == nil {
					s.acct.MayNotExist = map[string]*graph.Value{}
				}
				s.acct.MayNotExist[c.UID] = v
			}
		}
	}
	for _, r := range u.Resources {
		if kind, ok := s.scope.PartTypes[r.Type]; ok && !held[r.ID] {
			s.acct.Detached = append(s.acct.Detached, engine.Detached{Unit: u.Path, Kind: kind, Resource: r})
		}
	}
}

// evaluate runs the account rules over the summary. Units are taken in
// path order whatever order they were added in, so the result does not
// depend on the order units were read or evaluated. The Output is nil
// only when the context was cancelled; an internal error is returned
// with an empty Output, and is reported as a diagnostic.
func (s *accountSummary) evaluate(ctx context.Context) (*engine.Output, error) {
	sort.SliceStable(s.acct.Units, func(i, j int) bool { return s.acct.Units[i].Path < s.acct.Units[j].Path })
	out, err := s.eng.EvaluateAccount(ctx, s.acct)
	var ie *engine.InternalError
	if out == nil && errors.As(err, &ie) {
		out = &engine.Output{}
	}
	return out, err
}

// mainFile is the file of u a finding about the account points at when
// nothing in the scan is to blame: the template or plan itself, or the
// root module's main.tf, else its first .tf file in name order.
func mainFile(u *graph.Unit) string {
	if u.Source != graph.SourceTerraform {
		return u.Path
	}
	var first string
	for _, f := range u.Files {
		if filepath.Clean(filepath.Dir(f)) != filepath.Clean(u.Path) || !strings.HasSuffix(f, ".tf") {
			continue
		}
		if filepath.Base(f) == "main.tf" {
			return f
		}
		if first == "" || f < first {
			first = f
		}
	}
	if first == "" {
		return u.Path
	}
	return first
}

// mayNotExist says why r may not be created, as an Unknown located at what
// decides it: a Terraform count or for_each (or its module's) not known
// before apply, the copy a CloudFormation Fn::ForEach over an unknown
// collection keeps, a CloudFormation Condition that is not known. Nil when
// r is surely created.
func mayNotExist(r *graph.Resource) *graph.Value {
	switch {
	case r.Representative && r.Source == graph.SourceCloudFormation:
		return graph.Unknown(r.ID+" may not exist: it stands for the copies of an Fn::ForEach over a collection that is not known", r.Loc)
	case r.Representative:
		return graph.Unknown(r.ID+" may not exist: its count or for_each (or its module's) is not known before apply", r.Loc)
	case r.Meta["ConditionUnknown"] != nil && r.Meta["ConditionUnknown"].Bool:
		name, _ := r.Meta["Condition"].AsString()
		loc := r.Loc
		if c := r.Meta["Condition"]; c != nil && c.Loc.Known() {
			loc = c.Loc
		}
		return graph.Unknown(fmt.Sprintf("%s may not exist: its condition %s is not known", r.ID, name), loc)
	}
	return nil
}
