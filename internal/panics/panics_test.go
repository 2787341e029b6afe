package panics

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestDescribeNamesThePanickingFunction(t *testing.T) {
	tests := []struct {
		name  string
		panic func()
		want  string
	}{
		{"nil map write", func() {
			var m map[string]int
			//lint:ignore SA5000 the runtime panic under test
			m["x"] = 1
		}, "assignment to entry in nil map"},
		{"nil dereference", func() {
			var p *struct{ x int }
			_ = p.x
		}, "nil pointer dereference"},
		{"explicit", func() { panic("boom") }, "boom"},
		{"non-string value", func() { panic(42) }, "42"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got string
			func() {
				defer func() {
					got = Describe(recover(), debug.Stack())
				}()
				tt.panic()
			}()
			if !strings.Contains(got, tt.want) || !strings.Contains(got, "TestDescribeNamesThePanickingFunction") || !strings.Contains(got, "panics_test.go") {
				t.Errorf("Describe = %q, want %q at the test's function and file", got, tt.want)
			}
		})
	}
	if got := Site([]byte("goroutine 1 [running]:\nmain.main()\n")); got != "" {
		t.Errorf("Site without a panic = %q", got)
	}
}
