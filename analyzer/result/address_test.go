package result

import (
	"reflect"
	"testing"
)

func TestModuleSteps(t *testing.T) {
	tests := []struct {
		module string
		want   []string
	}{
		{"", nil},
		{"module.vpc", []string{"module.vpc"}},
		{`module.a[0].module.b["k"]`, []string{"module.a[0]", `module.b["k"]`}},
		{`module.a["x.module.y]"].module.b`, []string{`module.a["x.module.y]"]`, "module.b"}},
		{"Network", []string{"Network"}},
		{"Network/Db", []string{"Network", "Db"}},
	}
	for _, tt := range tests {
		t.Run(tt.module, func(t *testing.T) {
			if got := (Instance{Module: tt.module}).ModuleSteps(); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ModuleSteps() = %q, want %q", got, tt.want)
			}
		})
	}
}
