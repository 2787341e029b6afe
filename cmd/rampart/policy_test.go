package main

import (
	"regexp"
	"strings"
	"testing"
)

func TestE2EPolicyTest(t *testing.T) {
	tests := []struct {
		name     string
		files    map[string]string
		code     int
		contains []string
	}{
		{
			name: "built-in policies only",
			code: exitOK,
		},
		{
			name: "a failing user test fails the run",
			files: map[string]string{"policies/mine_test.rego": `package user.mine_test

test_wrong if { 1 == 2 }
`},
			code:     exitFindings,
			contains: []string{"FAIL  data.user.mine_test.test_wrong", "1 failed"},
		},
		{
			name: "a user policy that does not parse is an error",
			files: map[string]string{"policies/broken.rego": `package user.broken

deny contains x if {
`},
			code: exitUntrusted,
		},
		{
			name: "the sandbox applies to tests too",
			files: map[string]string{"policies/net_test.rego": `package user.net_test

test_reach if { http.send({"method": "get", "url": "http://127.0.0.1:1"}) }
`},
			code: exitUntrusted,
		},
	}
	summary := regexp.MustCompile(`(?m)^(\d+) passed, (\d+) failed$`)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := fixture(t, tt.files)
			args := []string{"policy", "test"}
			if len(tt.files) > 0 {
				args = append(args, "policies")
			}
			r := rampart(t, dir, nil, args...)
			r.wantCode(t, tt.code)
			if tt.code != exitUntrusted {
				m := summary.FindStringSubmatch(r.stdout)
				if m == nil || m[1] == "0" {
					t.Fatalf("no summary with passing built-in tests in:\n%s", r.stdout)
				}
			}
			for _, want := range tt.contains {
				if !strings.Contains(r.stdout, want) {
					t.Errorf("output lacks %q:\n%s", want, r.stdout)
				}
			}
		})
	}
}
