package resolve

import "testing"

func TestBaseAddress(t *testing.T) {
	tests := []struct{ id, want string }{
		{"WebSG", "WebSG"},
		{"aws_security_group.web", "aws_security_group.web"},
		{"aws_security_group.web[0]", "aws_security_group.web"},
		{`aws_security_group.web["a"]`, "aws_security_group.web"},
		{`aws_security_group.web["a[1]"]`, "aws_security_group.web"},
		{`module.m["x"].aws_security_group.web[2]`, `module.m["x"].aws_security_group.web`},
		{`module.m["x"].aws_security_group.web`, `module.m["x"].aws_security_group.web`},
		{"aws_security_group.web[*]", "aws_security_group.web"},
		{"module.m[0].aws_security_group.web", "module.m[0].aws_security_group.web"},
		{"broken]", "broken]"},
	}
	for _, tt := range tests {
		if got := BaseAddress(tt.id); got != tt.want {
			t.Errorf("BaseAddress(%q) = %q, want %q", tt.id, got, tt.want)
		}
	}
}

func TestResolve(t *testing.T) {
	ix := New[string]()
	ix.Add("aws_security_group.one[0]", "one")
	ix.Add("aws_security_group.two[0]", "two-0")
	ix.Add("aws_security_group.two[1]", "two-1")
	ix.Add("WebSG", "web")
	ix.Alias("Rule", "web")
	ix.Alias("WebSG", "shadowed")

	tests := []struct {
		id     string
		want   string
		wantOK bool
	}{
		{"WebSG", "web", true},
		{"Rule", "web", true},
		{"aws_security_group.one[0]", "one", true},
		{"aws_security_group.one", "one", true},
		{"aws_security_group.two[1]", "two-1", true},
		{"aws_security_group.two", "", false},
		{"aws_security_group.three", "", false},
		{"Other", "", false},
	}
	for _, tt := range tests {
		got, ok := ix.Resolve(tt.id)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("Resolve(%q) = %q, %v; want %q, %v", tt.id, got, ok, tt.want, tt.wantOK)
		}
	}
}
