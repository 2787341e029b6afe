package engine

import (
	"fmt"
	"strings"

	"github.com/rampart-iac/rampart/analyzer/aws/kinds"
)

// checkKindsAndReads checks a rule's METADATA against the kind registry:
// custom.kinds must name registered kinds, and every custom.reads path must
// be a property path one of those kinds declares (any registered kind when
// the rule names none). A misspelled kind would make the rule judge
// nothing; a misspelled read would make the engine miss the Unknown values
// the rule depends on.
//
// A nil kindSet checks nothing: the engine passes one when every rule it
// reads comes from the built-in index, checked when the index was made.
func checkKindsAndReads(set *kindSet, names []string, reads []string, paths []readPath) error {
	if set == nil {
		return nil
	}
	var ks []*kinds.Kind
	for _, name := range names {
		k, err := set.kind(name)
		if err != nil {
			return err
		}
		if k == nil {
			return fmt.Errorf("METADATA custom.kinds: %s is not a canonical kind (known: %s)", name, strings.Join(set.names(), ", "))
		}
		ks = append(ks, k)
	}
	if len(ks) == 0 && len(paths) > 0 {
		all, err := set.all()
		if err != nil {
			return err
		}
		ks = all
	}
	for i, p := range paths {
		var problems []string
		for _, k := range ks {
			err := checkReadPath(k, p)
			if err == nil {
				problems = nil
				break
			}
			problems = append(problems, k.Name+": "+err.Error())
		}
		if problems != nil {
			return fmt.Errorf("METADATA custom.reads: %s is not a property path of the rule's kinds (%s)", reads[i], strings.Join(problems, "; "))
		}
	}
	return nil
}

// kindSet is what rules' METADATA is checked against: a registry given
// whole (tests use synthetic kinds), or the embedded entries parsed one
// kind at a time as rules name them (kinds.LoadKind), so checking a
// directory of rules over five kinds parses five entries. It is used by
// one goroutine.
type kindSet struct {
	reg    *kinds.Registry
	loaded map[string]*kinds.Kind
	// userOnly: built-in rules are not checked (those of the built-in
	// index were checked when it was generated).
	userOnly bool
}

// kindsOf returns the kindSet of reg, or of the embedded entries when reg
// is nil.
func kindsOf(reg *kinds.Registry) *kindSet {
	return &kindSet{reg: reg, loaded: map[string]*kinds.Kind{}}
}

// kind returns the named kind, or nil when there is none.
func (s *kindSet) kind(name string) (*kinds.Kind, error) {
	if s.reg != nil {
		return s.reg.Kind(name), nil
	}
	if k, ok := s.loaded[name]; ok {
		return k, nil
	}
	k, err := kinds.LoadKind(name)
	if err != nil {
		return nil, err
	}
	s.loaded[name] = k
	return k, nil
}

func (s *kindSet) names() []string {
	if s.reg != nil {
		return s.reg.Names()
	}
	return kinds.Names()
}

func (s *kindSet) all() ([]*kinds.Kind, error) {
	reg := s.reg
	if reg == nil {
		var err error
		if reg, err = kinds.Default(); err != nil {
			return nil, err
		}
	}
	return reg.Kinds(), nil
}

// checkReadPath walks p through the declared types of kind k.
func checkReadPath(k *kinds.Kind, p readPath) error {
	props := k.Properties
	var t *kinds.Type
	for _, step := range p {
		switch {
		case t == nil || t.Base == kinds.ObjectBase:
			if step.kind != stepKey {
				return fmt.Errorf("an object has no elements to index")
			}
			prop := findProperty(props, step.key)
			if prop == nil {
				return fmt.Errorf("no property %s", step.key)
			}
			t = prop.T()
		case t.Base == kinds.List:
			if step.kind == stepKey {
				return fmt.Errorf("%s is a list: index it ([*] or [n]) before .%s", t, step.key)
			}
			t = t.Elem
		case t.Base == kinds.Map:
			// [*] visits every entry, a key names one.
			if step.kind == stepIndex {
				return fmt.Errorf("a map has no index [%d]", step.index)
			}
			t = t.Elem
		default:
			return fmt.Errorf("a %s has nothing below it", t.Base)
		}
		if t.Base == kinds.ObjectBase {
			props = k.Object(t.Object).Properties
		}
	}
	return nil
}

func findProperty(ps []kinds.Property, name string) *kinds.Property {
	for i := range ps {
		if ps[i].Name == name {
			return &ps[i]
		}
	}
	return nil
}
