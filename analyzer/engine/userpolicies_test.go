package engine

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
)

func TestUserGroupsKeepReferringModulesTogether(t *testing.T) {
	mods := map[string]*ast.Module{
		"a.rego":   ast.MustParseModule("package team.rules.a\nimport data.team.lib\ndeny contains 1 if lib.x"),
		"b.rego":   ast.MustParseModule("package team.rules.b\ndeny contains 1 if data.team.lib.x"),
		"lib.rego": ast.MustParseModule("package team.lib\nx := true"),
		"c.rego":   ast.MustParseModule("package team.rules.c\ndeny contains 1 if input.y"),
		"d.rego":   ast.MustParseModule("package team.rules.d\ndeny contains 1 if input.z"),
	}
	tests := []struct {
		workers int
		want    [][]string
	}{
		{1, [][]string{{"a.rego", "b.rego", "c.rego", "d.rego", "lib.rego"}}},
		{2, [][]string{{"a.rego", "b.rego", "lib.rego"}, {"c.rego", "d.rego"}}},
		{3, [][]string{{"a.rego", "b.rego", "lib.rego"}, {"c.rego"}, {"d.rego"}}},
		{8, [][]string{{"a.rego", "b.rego", "lib.rego"}, {"c.rego"}, {"d.rego"}}},
	}
	for _, tt := range tests {
		var got [][]string
		for _, g := range userGroups(mods, tt.workers) {
			got = append(got, slices.Sorted(maps.Keys(g)))
		}
		if !slices.EqualFunc(got, tt.want, slices.Equal) {
			t.Errorf("workers %d: groups %v, want %v", tt.workers, got, tt.want)
		}
	}
}

// TestParallelParseReportsTheFirstErrorInOrder: parsing runs on several
// cores, but the error a user sees is the first file's, as in a
// sequential parse.
func TestParallelParseReportsTheFirstErrorInOrder(t *testing.T) {
	var srcs []source
	for i := range 40 {
		text := "package p" + string(rune('a'+i%26)) + "\nx := 1\n"
		if i == 7 || i == 30 {
			text = "package broken\nx := \n"
		}
		srcs = append(srcs, source{name: string(rune('A'+i/26)) + string(rune('a'+i%26)) + ".rego", text: text})
	}
	_, err := parse(srcs)
	if err == nil || !strings.Contains(err.Error(), "Ah.rego") || strings.Contains(err.Error(), "Be.rego") {
		t.Fatalf("parse error %v, want the error of Ah.rego only", err)
	}
}
