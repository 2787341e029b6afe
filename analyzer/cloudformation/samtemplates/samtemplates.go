// Package samtemplates is the table of AWS SAM policy templates
// (S3ReadPolicy, DynamoDBCrudPolicy, ...) that the SAM transform expands in
// the Policies of a function or state machine.
//
// The table is AWS SAM's own data file,
// samtranslator/policy_templates_data/policy_templates.json of
// aws/serverless-application-model (Apache License 2.0), embedded byte for
// byte as the installed samtranslator package ships it; gen.go copies it and
// records its version and digest in source.go:
//
//	go generate ./analyzer/cloudformation/samtemplates
package samtemplates

//go:generate go run gen.go

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sort"
	"sync"
)

//go:embed policy_templates.json
var data []byte

// Source names the table in messages.
const Source = "SAM translator " + SAMTranslatorVersion

// Template is one policy template.
type Template struct {
	Name string
	// Parameters are the names of the template's parameters, sorted. The
	// transform needs a value for each; it ignores values for other names.
	Parameters []string
	// Definition is the policy document the template grants, as JSON
	// ({"Statement": [...]}), with {"Ref": "<parameter>"} wherever a
	// parameter's value goes. Other Refs (AWS::Partition) are left for
	// CloudFormation.
	Definition json.RawMessage
}

// table is the parsed data file.
type table struct {
	templates map[string]*Template
	names     []string
}

// load parses the embedded file once per process. The file is fixed at
// build time and TestTable parses it, so a failure is a broken build.
var load = sync.OnceValue(func() *table {
	t, err := parse(data)
	if err != nil {
		panic(fmt.Sprintf("samtemplates: embedded policy_templates.json: %v", err))
	}
	return t
})

// parse reads a file in the format of SAM's policy_templates.json.
func parse(src []byte) (*table, error) {
	var file struct {
		Templates map[string]struct {
			Parameters map[string]json.RawMessage
			Definition json.RawMessage
		}
	}
	if err := json.Unmarshal(src, &file); err != nil {
		return nil, err
	}
	if len(file.Templates) == 0 {
		return nil, fmt.Errorf("no templates")
	}
	t := &table{templates: make(map[string]*Template, len(file.Templates))}
	for name, def := range file.Templates {
		if len(def.Definition) == 0 {
			return nil, fmt.Errorf("template %s has no Definition", name)
		}
		params := make([]string, 0, len(def.Parameters))
		for p := range def.Parameters {
			params = append(params, p)
		}
		sort.Strings(params)
		t.templates[name] = &Template{Name: name, Parameters: params, Definition: def.Definition}
		t.names = append(t.names, name)
	}
	sort.Strings(t.names)
	return t, nil
}

// Lookup returns the template of that name (names are case-sensitive, as
// the transform reads them).
func Lookup(name string) (*Template, bool) {
	tpl, ok := load().templates[name]
	return tpl, ok
}

// Names lists every template name, sorted, for suggestions.
func Names() []string {
	return append([]string(nil), load().names...)
}
