// Package kinds is the registry of canonical kinds: for each kind, the
// native types it is built from, every property with its type, default and
// the AWS documentation of that default, and examples of native resources
// with the canonical properties they give. One YAML file per kind, embedded
// here, is the only hand-kept statement of a kind's contract:
// docs/model.md, the Rego test defaults (policies/lib/testing_test.rego) and
// the JSON schema of the policy input are generated from it
// (internal/kindgen), the engine type-checks policies against that schema,
// and the normalizers' tests check that what a mapper writes conforms to
// its entry.
package kinds

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"sync"

	"go.yaml.in/yaml/v3"
)

//go:embed *.yaml
var files embed.FS

// Kind is one canonical kind's registry entry.
type Kind struct {
	// Name is the canonical kind, aws.<service>.<resource>.
	Name string `yaml:"kind"`
	// Rego names the kind's builder in the Rego test helpers
	// (data.rampart.lib.testing.<rego>(props)) and its defaults object
	// (<rego>_defaults).
	Rego    string `yaml:"rego"`
	Summary string `yaml:"summary"`
	// Native lists the native types the kind is built from.
	Native     []Native   `yaml:"native"`
	Properties []Property `yaml:"properties"`
	// Objects are the nested object types the kind's properties use, by
	// name (a security group's rule).
	Objects  []Object  `yaml:"objects"`
	Examples []Example `yaml:"examples"`
	// File is the registry file the entry was read from.
	File string `yaml:"-"`
}

// Native is one native type a kind is built from.
type Native struct {
	// Type is the native type, or a pattern ending in * (IsPattern) for a
	// kind built from every type of a table kept outside the registry.
	Type string `yaml:"type"`
	// Framework is cloudformation or terraform (the plan front-end reads
	// Terraform types).
	Framework string `yaml:"framework"`
	// Role is owner (the type is one resource of the kind) or part (the
	// type is folded into the owner it names).
	Role  string `yaml:"role"`
	Notes string `yaml:"notes"`
}

// Roles of a native type.
const (
	RoleOwner = "owner"
	RolePart  = "part"
)

// Property is one canonical property of a kind or of a nested object.
type Property struct {
	Name string `yaml:"name"`
	// Type is written in the registry's type grammar (see ParseType):
	// string, number, bool, list<T>, map<T>, an object name, each
	// followed by ? when the value may be null (Unknown).
	Type string `yaml:"type"`
	// Default is the value a normalizer writes when the native resource
	// does not set the property; HasDefault tells it apart from a null
	// default.
	Default    any  `yaml:"default"`
	HasDefault bool `yaml:"-"`
	// Source is the AWS (or provider) documentation of the default.
	Source string `yaml:"source"`
	Notes  string `yaml:"notes"`
	// Derived marks a property computed from other properties of the same
	// resource (a rule count): test builders compute it too.
	Derived bool `yaml:"derived"`

	parsed *Type
}

// propertyFields are the keys a property entry may have.
var propertyFields = map[string]bool{"name": true, "type": true, "default": true, "source": true, "notes": true, "derived": true}

// UnmarshalYAML decodes a property, telling an absent default from a null
// one (Unknown is a default, too: a security group's VPC).
func (p *Property) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: a property is a mapping", n.Line)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key := n.Content[i].Value
		if !propertyFields[key] {
			return fmt.Errorf("line %d: field %s not found in a property", n.Content[i].Line, key)
		}
		if key == "default" {
			p.HasDefault = true
		}
	}
	type plain Property
	return n.Decode((*plain)(p))
}

// T returns the property's parsed type.
func (p *Property) T() *Type { return p.parsed }

// Object is a nested object type.
type Object struct {
	Name    string `yaml:"name"`
	Summary string `yaml:"summary"`
	// Rego names the object's builder in the Rego test helpers.
	Rego       string     `yaml:"rego"`
	Properties []Property `yaml:"properties"`
}

// Example is one native resource and the canonical properties a
// normalizer gives it.
type Example struct {
	Name      string `yaml:"name"`
	Framework string `yaml:"framework"`
	Type      string `yaml:"type"`
	ID        string `yaml:"id"`
	// Native holds the resource's attributes (CloudFormation Properties,
	// Terraform arguments with nested blocks as lists of maps).
	Native map[string]any `yaml:"native"`
	// Properties are the canonical properties the normalizer writes, all
	// of them.
	Properties map[string]any `yaml:"properties"`
	// TestDefault marks the example whose properties are the Rego test
	// defaults of the kind (and of the objects it holds).
	TestDefault bool `yaml:"test_default"`
}

// Registry is the set of canonical kinds, sorted by name.
type Registry struct {
	kinds  []*Kind
	byName map[string]*Kind
}

// Default returns the embedded registry. It is parsed once; an invalid
// entry is a programming error caught by this package's tests, so callers
// may treat the error as fatal.
var Default = sync.OnceValues(func() (*Registry, error) { return Load(files) })

// Entries returns the embedded registry files, one <kind>.yaml per kind;
// tests add entries of their own to it.
func Entries() fs.FS { return files }

// Load reads and validates every *.yaml entry of fsys.
func Load(fsys fs.FS) (*Registry, error) {
	names, err := fs.Glob(fsys, "*.yaml")
	if err != nil {
		return nil, err
	}
	reg := &Registry{byName: map[string]*Kind{}}
	for _, name := range names {
		k, err := loadKind(fsys, name)
		if err != nil {
			return nil, err
		}
		if prev, dup := reg.byName[k.Name]; dup {
			return nil, fmt.Errorf("%s: kind %s is already declared in %s", name, k.Name, prev.File)
		}
		reg.byName[k.Name] = k
		reg.kinds = append(reg.kinds, k)
	}
	sort.Slice(reg.kinds, func(i, j int) bool { return reg.kinds[i].Name < reg.kinds[j].Name })
	return reg, nil
}

func loadKind(fsys fs.FS, name string) (*Kind, error) {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	var k Kind
	if err := dec.Decode(&k); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	k.File = name
	if want := k.Name + ".yaml"; path.Base(name) != want {
		return nil, fmt.Errorf("%s: the entry of kind %s belongs in %s", name, k.Name, want)
	}
	if err := k.validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &k, nil
}

// Kinds returns every kind, sorted by name.
func (r *Registry) Kinds() []*Kind { return r.kinds }

// Kind returns the named kind, or nil.
func (r *Registry) Kind(name string) *Kind { return r.byName[name] }

// Names returns the kind names, sorted.
func (r *Registry) Names() []string {
	out := make([]string, len(r.kinds))
	for i, k := range r.kinds {
		out[i] = k.Name
	}
	return out
}

// Object returns the kind's nested object type of that name, or nil.
func (k *Kind) Object(name string) *Object {
	for i := range k.Objects {
		if k.Objects[i].Name == name {
			return &k.Objects[i]
		}
	}
	return nil
}

// Property returns the kind's property of that name, or nil.
func (k *Kind) Property(name string) *Property { return findProperty(k.Properties, name) }

// Property returns the object's property of that name, or nil.
func (o *Object) Property(name string) *Property { return findProperty(o.Properties, name) }

func findProperty(ps []Property, name string) *Property {
	for i := range ps {
		if ps[i].Name == name {
			return &ps[i]
		}
	}
	return nil
}

// TestDefault returns the example marked test_default.
func (k *Kind) TestDefault() *Example {
	for i := range k.Examples {
		if k.Examples[i].TestDefault {
			return &k.Examples[i]
		}
	}
	return nil
}
