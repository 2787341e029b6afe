package secrets

import (
	"encoding/base64"
	"strings"
	"testing"
)

func TestCandidate(t *testing.T) {
	tests := []struct {
		name string
		s    string
		want bool
	}{
		{"access key id", "AKIAJ7QWERTY12345678", true},
		{"temporary key id", "key=ASIAJ7QWERTY12345678;", true},
		{"A3T key id", "A3TXJ7QWERTY12345678", true},
		{"key id inside a longer run", "XAKIAJ7QWERTY12345678", false},
		{"key id too short", "AKIAJ7QWERTY1234567", false},
		{"lower case is no key id", "akiaj7qwerty12345678", false},
		{"secret-shaped token", "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY", true},
		{"41 characters is no secret key", "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEYX", false},
		{"PEM private key", "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----", true},
		{"PEM certificate", "-----BEGIN CERTIFICATE-----\nMIIE\n-----END CERTIFICATE-----", false},
		{"ARN", "arn:aws:iam::123456789012:role/service-role/AmazonEC2RoleForSSM", false},
		{"short", "AKIA", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Candidate(tt.s); got != tt.want {
				t.Errorf("Candidate(%q) = %v, want %v", tt.s, got, tt.want)
			}
		})
	}
}

func TestMask(t *testing.T) {
	userData := "#!/bin/bash\nexport AWS_SECRET_ACCESS_KEY=je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY\n"
	tests := []struct {
		name, text, want string
	}{
		{"key id", `access_key = "AKIAJ7QWERTY12345678"`, `access_key = "AKIA…5678"`},
		{"two key ids one separator apart", "AKIAJ7QWERTY12345678,AKIAJ7QWERTY87654321", "AKIA…5678,AKIA…4321"},
		{"secret on a line naming it", `secret_key = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"`, `secret_key = "je7M…EKEY"`},
		{"secret after =", "export AWS_SECRET_ACCESS_KEY=je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY", "export AWS_SECRET_ACCESS_KEY=je7M…EKEY"},
		{"40-character hash on a line naming no secret", "sha = 2fd4e1c67a2d28fced849ee1bb76e7391b93eb12", "sha = 2fd4e1c67a2d28fced849ee1bb76e7391b93eb12"},
		{"PEM body", "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7bq9\n-----END RSA PRIVATE KEY-----",
			"-----BEGIN RSA PRIVATE KEY-----\nMIIE…7bq9\n-----END RSA PRIVATE KEY-----"},
		{"PEM on one line", `key: "-----BEGIN PRIVATE KEY-----MIIEpAIBAAKCAQEA7bq9-----END PRIVATE KEY-----"`,
			`key: "-----BEGIN PRIVATE KEY-----MIIE…7bq9-----END PRIVATE KEY-----"`},
		{"base64 of a secret", base64.StdEncoding.EncodeToString([]byte(userData)), Masked(base64.StdEncoding.EncodeToString([]byte(userData)))},
		{"nothing to mask", "region = us-east-1", "region = us-east-1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Mask(tt.text); got != tt.want {
				t.Errorf("Mask(%q)\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}

// A PEM key cut by the excerpt (no END line) is masked to the end.
func TestMaskLinesUnterminatedPEM(t *testing.T) {
	lines := []string{"Key: |", "  -----BEGIN OPENSSH PRIVATE KEY-----", "  b3BlbnNzaC1rZXktdjEAAAAA", "  QyNTUxOQAAACBk"}
	MaskLines(lines)
	for _, l := range lines[2:] {
		if strings.Contains(l, "b3BlbnNz") || strings.Contains(l, "QyNTUxOQAAACBk") {
			t.Errorf("PEM body line not masked: %q", l)
		}
	}
	if lines[0] != "Key: |" {
		t.Errorf("line before the key changed: %q", lines[0])
	}
}

func TestMasked(t *testing.T) {
	if got := Masked("AKIAIOSFODNN7EXAMPLE"); got != "AKIA…MPLE" {
		t.Errorf("Masked = %q", got)
	}
	if got := Masked("short"); got != "…" {
		t.Errorf("Masked(short) = %q", got)
	}
}

// The value of an environment pair sits on a line that names no secret:
// a random-looking token is masked there too, a hex hash is not.
func TestMaskRandomToken(t *testing.T) {
	tests := map[string]string{
		"  Value: je7MtGbClwBF/2Zp9Utk/h3yCo8nvbQWERTYKEY3": "  Value: je7M…KEY3",
		"  Value: 2fd4e1c67a2d28fced849ee1bb76e7391b93eb12": "  Value: 2fd4e1c67a2d28fced849ee1bb76e7391b93eb12",
	}
	for in, want := range tests {
		if got := Mask(in); got != want {
			t.Errorf("Mask(%q) = %q, want %q", in, got, want)
		}
	}
}
