package kinds

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
)

var (
	kindName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^aws\.[a-z0-9]+\.[a-z0-9_]+$`) })
	ident    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z][a-z0-9_]*$`) })
)

// validate checks an entry on its own: names, types, defaults and examples.
func (k *Kind) validate() error {
	if !kindName().MatchString(k.Name) {
		return fmt.Errorf("kind %q is not aws.<service>.<resource> in snake_case", k.Name)
	}
	if !ident().MatchString(k.Rego) {
		return fmt.Errorf("kind %s: rego %q is not a Rego identifier", k.Name, k.Rego)
	}
	if strings.TrimSpace(k.Summary) == "" {
		return fmt.Errorf("kind %s has no summary", k.Name)
	}
	if err := k.validateNative(); err != nil {
		return err
	}
	seen := map[string]bool{}
	for i := range k.Objects {
		o := &k.Objects[i]
		if !ident().MatchString(o.Name) || seen[o.Name] {
			return fmt.Errorf("kind %s: object name %q is not a unique identifier", k.Name, o.Name)
		}
		seen[o.Name] = true
		if o.Rego != "" && !ident().MatchString(o.Rego) {
			return fmt.Errorf("kind %s: object %s: rego %q is not a Rego identifier", k.Name, o.Name, o.Rego)
		}
	}
	// Every type is parsed before any default is checked: a default of an
	// object type is checked against the object's properties, which may be
	// declared after the property that uses them.
	if err := k.parseProperties(k.Properties, k.Name); err != nil {
		return err
	}
	for i := range k.Objects {
		if err := k.parseProperties(k.Objects[i].Properties, k.Name+" object "+k.Objects[i].Name); err != nil {
			return err
		}
	}
	if err := k.validateDefaults(k.Properties, k.Name); err != nil {
		return err
	}
	for i := range k.Objects {
		if err := k.validateDefaults(k.Objects[i].Properties, k.Name+" object "+k.Objects[i].Name); err != nil {
			return err
		}
	}
	return k.validateExamples()
}

func (k *Kind) validateNative() error {
	if len(k.Native) == 0 {
		return fmt.Errorf("kind %s names no native type", k.Name)
	}
	owners := 0
	for _, n := range k.Native {
		switch n.Framework {
		case "cloudformation", "terraform":
		default:
			return fmt.Errorf("kind %s: native type %s: framework %q is neither cloudformation nor terraform", k.Name, n.Type, n.Framework)
		}
		switch n.Role {
		case RoleOwner:
			owners++
		case RolePart:
			if n.IsPattern() {
				return fmt.Errorf("kind %s: native type pattern %s: a pattern names owners, not parts", k.Name, n.Type)
			}
		default:
			return fmt.Errorf("kind %s: native type %s: role %q is neither owner nor part", k.Name, n.Type, n.Role)
		}
		if n.IsPattern() && strings.TrimSpace(n.Notes) == "" {
			return fmt.Errorf("kind %s: native type pattern %s: notes must say which of the types it matches the kind covers", k.Name, n.Type)
		}
	}
	if owners == 0 {
		return fmt.Errorf("kind %s: no native type is an owner", k.Name)
	}
	return nil
}

// parseProperties checks the names and parses the types of ps.
func (k *Kind) parseProperties(ps []Property, where string) error {
	seen := map[string]bool{}
	for i := range ps {
		p := &ps[i]
		if !ident().MatchString(p.Name) || seen[p.Name] {
			return fmt.Errorf("%s: property name %q is not a unique snake_case identifier", where, p.Name)
		}
		seen[p.Name] = true
		t, err := ParseType(p.Type)
		if err != nil {
			return fmt.Errorf("%s: property %s: %w", where, p.Name, err)
		}
		if name := t.objectName(); name != "" && k.Object(name) == nil {
			return fmt.Errorf("%s: property %s: no object type %s", where, p.Name, name)
		}
		p.parsed = t
	}
	return nil
}

// validateDefaults checks that each default of ps has its documenting
// source and fits its property's type.
func (k *Kind) validateDefaults(ps []Property, where string) error {
	for i := range ps {
		p := &ps[i]
		if !p.HasDefault {
			continue
		}
		if !strings.HasPrefix(p.Source, "https://") {
			return fmt.Errorf("%s: property %s has a default but no https:// source documenting it", where, p.Name)
		}
		if err := p.parsed.Check(normalizeNumbers(p.Default), k.objects); err != nil {
			return fmt.Errorf("%s: property %s: default: %w", where, p.Name, err)
		}
	}
	return nil
}

func (k *Kind) validateExamples() error {
	defaults := 0
	for i := range k.Examples {
		e := &k.Examples[i]
		if e.TestDefault {
			defaults++
		}
		if !k.declaresNative(e.Framework, e.Type) {
			return fmt.Errorf("kind %s: example %q: %s type %s is not one of the kind's native types", k.Name, e.Name, e.Framework, e.Type)
		}
		if e.ID == "" {
			return fmt.Errorf("kind %s: example %q has no id", k.Name, e.Name)
		}
		e.Native = normalizeNumbers(e.Native).(map[string]any)
		e.Properties = normalizeNumbers(e.Properties).(map[string]any)
		if err := CheckProperties(e.Properties, k.Properties, k.objects); err != nil {
			return fmt.Errorf("kind %s: example %q: properties: %w", k.Name, e.Name, err)
		}
	}
	if defaults != 1 {
		return fmt.Errorf("kind %s: %d examples are test_default, want 1", k.Name, defaults)
	}
	return nil
}

func (k *Kind) declaresNative(framework, typ string) bool {
	for _, n := range k.Native {
		if n.Framework == framework && n.Matches(typ) {
			return true
		}
	}
	return false
}

// IsPattern reports whether the native type is a pattern (AWS::*, aws_*)
// standing for the types a table outside the registry lists, as the
// entry's notes say: a kind built from every type that takes tags cannot
// list them one by one.
func (n Native) IsPattern() bool { return strings.HasSuffix(n.Type, "*") }

// Matches reports whether typ is the native type, or one its pattern
// matches.
func (n Native) Matches(typ string) bool {
	if n.IsPattern() {
		return strings.HasPrefix(typ, strings.TrimSuffix(n.Type, "*"))
	}
	return n.Type == typ
}

func (k *Kind) objects(name string) *Object { return k.Object(name) }

// objectName returns the nested object type t refers to, at any depth.
func (t *Type) objectName() string {
	for ; t != nil; t = t.Elem {
		if t.Base == ObjectBase {
			return t.Object
		}
	}
	return ""
}

// normalizeNumbers turns the YAML decoder's ints into float64, the number
// type of canonical values, and nil maps into empty ones.
func normalizeNumbers(v any) any {
	switch x := v.(type) {
	case int:
		return float64(x)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = normalizeNumbers(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = normalizeNumbers(e)
		}
		return out
	}
	return v
}
