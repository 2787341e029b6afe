package secrets

import (
	"strings"
	"testing"
)

// TestPrefilterKeepsEveryCredential checks the run-length test that spares
// the patterns: on texts around its threshold, Candidate, Mask and
// maskLine decide as the patterns alone do.
func TestPrefilterKeepsEveryCredential(t *testing.T) {
	const token = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" // 40 characters
	texts := []string{
		"",
		"AKIAIOSFODNN7EXAMPL",  // 19: one short of a key id
		"AKIAIOSFODNN7EXAMPLE", // 20: a key id
		"id=AKIAIOSFODNN7EXAMPLE;",
		"ASIAIOSFODNN7EXAMPLE and A3TXIOSFODNN7EXAMPLE",
		"ASIAIOSFODNN7EXAMPLE",
		"key A3TXIOSFODNN7EXAMPLE",
		"secret: " + token,
		"secret: " + token[:39],
		"password " + token + "x",            // 41: no token
		"value " + token,                     // random-looking, no secret name
		"QUtJQUlPU0ZPRE5ON0VYQU1QTEU=",       // base64 of a key id
		"token: " + strings.Repeat("ab", 12), // 24-run, not base64 of text
		"-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----",
		"-----BEGIN PRIVATE KEY----- MIIEvQIBADANBg",
		"----- not a key -----",
		"Security group sg-0123 allows 0.0.0.0/0 on port 22 (AWS::EC2::SecurityGroup)",
		strings.Repeat("a/b+", 10) + " auth",
		"line one\nsecret: " + token + "\nline three",
		"AKIAIOSFODNN7EXAMPLE secret " + token,
		"A3TXIOSFODNN7EXAMPLE" + strings.Repeat("Q", 20),
		"arn:aws:iam::123456789012:role/" + strings.Repeat("LongRoleNameWithDigits1", 3),
		"data: " + "QUtJQUlPU0ZPRE5ON0VYQU1QTEU=" + " and " + strings.Repeat("QUJD", 6),
	}
	for _, text := range texts {
		full := keyID().MatchString(text) || pemBegin().MatchString(text) || secretToken().MatchString(text)
		if got := Candidate(text); got != full && len(text) >= minCredentialRun {
			t.Errorf("Candidate(%q) = %v, the patterns say %v", text, got, full)
		}
		for _, line := range strings.Split(text, "\n") {
			if got, want := maskLine(line), maskWithPatterns(line); got != want {
				t.Errorf("maskLine(%q) = %q, the patterns give %q", line, got, want)
			}
		}
		lines := strings.Split(text, "\n")
		MaskLines(lines)
		if got, want := Mask(text), strings.Join(lines, "\n"); got != want {
			t.Errorf("Mask(%q) = %q, MaskLines gives %q", text, got, want)
		}
	}
}

// maskWithPatterns is maskLine with every pattern run on every line, as it
// was before the literal and run-length tests.
func maskWithPatterns(l string) string {
	l = replaceGroup(keyID(), l)
	if secretName().MatchString(l) {
		l = replaceGroup(secretToken(), l)
	} else {
		l = replaceGroupIf(secretToken(), l, looksRandom)
	}
	return encoded().ReplaceAllStringFunc(l, func(run string) string {
		if text, ok := decodeText(run); ok && Mask(text) != text {
			return Masked(run)
		}
		return run
	})
}
