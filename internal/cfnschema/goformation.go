//go:build cfnschema

package main

import (
	"reflect"
	"runtime/debug"
	"sort"
	"strings"

	"github.com/awslabs/goformation/v7/cloudformation"
)

const goformationPath = "github.com/awslabs/goformation/v7"

// typed is implemented by goformation's generated resource and property structs.
type typed interface{ AWSCloudFormationType() string }

// goformationVersion is the version of goformation this command was built
// with, as go.mod pins it.
func goformationVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range bi.Deps {
			if dep.Path == goformationPath {
				return dep.Version
			}
		}
	}
	return "(unknown version)"
}

// goformationLines writes the table lines of the goformation resource types
// that want reports true for, keyed "R name" / "P name".
func goformationLines(want func(string) bool) map[string]string {
	t := &goformationTable{lines: map[string]string{}}
	for name, res := range cloudformation.AllResources() {
		if !want(name) {
			continue
		}
		rt := reflect.TypeOf(res)
		if rt.Kind() == reflect.Pointer {
			rt = rt.Elem()
		}
		t.add("R", name, rt)
	}
	return t.lines
}

type goformationTable struct {
	lines map[string]string // "R name" / "P name" -> line
}

// add records struct type st under kind ("R" or "P") and name, then every
// nested property type it refers to.
func (t *goformationTable) add(kind, name string, st reflect.Type) {
	key := kind + " " + name
	if _, done := t.lines[key]; done {
		return
	}
	t.lines[key] = "" // mark first: property types can be recursive
	var props []string
	for i := 0; i < st.NumField(); i++ {
		f := st.Field(i)
		tag := strings.Split(f.Tag.Get("json"), ",")[0]
		if tag == "" || tag == "-" || !f.IsExported() {
			continue
		}
		entry := tag
		if nested, isMap, ok := propertyType(f.Type); ok {
			typeName := reflect.New(nested).Interface().(typed).AWSCloudFormationType()
			sep := "="
			if isMap {
				sep = "~"
			}
			entry += sep + shorten(name, typeName)
			t.add("P", typeName, nested)
		}
		props = append(props, entry)
	}
	sort.Strings(props)
	t.lines[key] = strings.TrimSpace(key + " " + strings.Join(props, " "))
}

// shorten writes a nested type that belongs to the same resource as owner
// as ".Name" (AWS::EC2::SecurityGroup.Ingress inside AWS::EC2::SecurityGroup
// becomes .Ingress), which halves the table.
func shorten(owner, typeName string) string {
	res, _, _ := strings.Cut(owner, ".")
	if rest, ok := strings.CutPrefix(typeName, res+"."); ok {
		return "." + rest
	}
	return typeName
}

// propertyType returns the struct type behind a field of type S, *S, []S or
// map[string]S when S is a goformation property type; isMap is true for
// map[string]S, whose keys are names chosen by the user.
func propertyType(ft reflect.Type) (st reflect.Type, isMap, ok bool) {
	for ft.Kind() == reflect.Pointer || ft.Kind() == reflect.Slice || ft.Kind() == reflect.Map {
		if ft.Kind() == reflect.Map {
			isMap = true
		}
		ft = ft.Elem()
	}
	if ft.Kind() != reflect.Struct {
		return nil, false, false
	}
	if _, ok := reflect.New(ft).Interface().(typed); !ok {
		return nil, false, false
	}
	return ft, isMap, true
}
