// Package secrets recognises the shapes of AWS credentials in text and masks
// them, so that a report about a hardcoded secret never repeats it: an
// access key id (AKIA…), a secret-access-key-shaped token assigned to a
// secret-ish name, and the body of a PEM private key. The policy that
// reports them (AWS-SEC-001) decides with the same patterns; this package
// gives the normalizer its cheap pre-filter and the reports their masking.
package secrets

import (
	"encoding/base64"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"
)

// The patterns are compiled the first time one is used: a command that
// masks nothing (rampart version, rules) does not pay for them.
var (
	// keyID is an AWS access key id: AKIA (long-lived), ASIA (temporary)
	// or A3T… followed by 16 upper-case letters and digits, not inside a
	// longer alphanumeric run.
	keyID = lazyRegexp(`(?:^|[^A-Za-z0-9])((?:A3T[A-Z0-9]|AKIA|ASIA)[A-Z0-9]{16})(?:[^A-Za-z0-9]|$)`)
	// secretToken is a token of exactly 40 characters of base64, the shape
	// of a secret access key.
	secretToken = lazyRegexp(`(?:^|[^A-Za-z0-9/+])([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+]|$)`)
	// secretName is a name that says its value is a secret.
	secretName = lazyRegexp(`(?i)secret|passw|pwd|private_?key|credential|token|auth`)
	// pemBegin opens a PEM private key.
	pemBegin = lazyRegexp(`-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----`)
	pemEnd   = lazyRegexp(`-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----`)
	// base64Run is a run of base64 text in a PEM body.
	base64Run = lazyRegexp(`[A-Za-z0-9/+=]{4,}`)
	// encoded is a run of base64 long enough to encode a credential (user
	// data written base64-encoded).
	encoded = lazyRegexp(`[A-Za-z0-9/+]{24,}={0,2}`)
)

// lazyRegexp returns a function that compiles expr on its first call.
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

// Every credential shape but a PEM key is a run of base64 characters
// ([A-Za-z0-9/+]) at least this long: an access key id has 20, a secret
// token 40, an encoded credential 24 or more. Text without such a run and
// without a PEM marker holds none, and is not searched with the patterns,
// which step through every byte of a text.
const (
	minCredentialRun = 20
	secretTokenLen   = 40
	pemMarker        = "-----"
)

// minEncodedRun is the shortest run the encoded pattern matches.
const minEncodedRun = 24

// hasKeyIDPrefix reports whether s has one of the prefixes an access key
// id starts with, which keyID requires.
func hasKeyIDPrefix(s string) bool {
	return strings.Contains(s, "AKIA") || strings.Contains(s, "ASIA") || strings.Contains(s, "A3T")
}

// longestRun is the length of the longest run of base64 characters in s.
func longestRun(s string) int {
	longest, run := 0, 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '/' || c == '+' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return longest
}

// Candidate reports whether s has the shape of a credential somewhere: an
// access key id, a 40-character secret-key-shaped token, or a PEM private
// key. Whether a secret-shaped token is a secret depends on the name it is
// assigned to, which the policy judges.
func Candidate(s string) bool {
	if len(s) < minCredentialRun {
		return false
	}
	run := longestRun(s)
	return run >= minCredentialRun && hasKeyIDPrefix(s) && keyID().MatchString(s) ||
		strings.Contains(s, pemMarker) && pemBegin().MatchString(s) ||
		run >= secretTokenLen && secretToken().MatchString(s)
}

// Masked is the form a report shows of a secret: its first and last four
// characters around an ellipsis (AKIA…WXYZ), or only the ellipsis when the
// value is too short to keep anything.
func Masked(s string) string {
	if len(s) < 16 {
		return "…"
	}
	return s[:4] + "…" + s[len(s)-4:]
}

// Mask returns text with every credential it shows masked: access key ids,
// 40-character tokens on a line that names a secret, and the body of a PEM
// private key (between its BEGIN and END lines, or the rest of the text
// when it is cut off). Text without any is returned unchanged.
func Mask(text string) string {
	if longestRun(text) < minCredentialRun && !strings.Contains(text, pemMarker) {
		return text
	}
	lines := strings.Split(text, "\n")
	MaskLines(lines)
	return strings.Join(lines, "\n")
}

// MaskLines masks the credentials in a file's lines in place, as Mask does;
// a PEM private key's body is masked on every line from its BEGIN line to
// its END line.
func MaskLines(lines []string) {
	inPEM := false
	for i, l := range lines {
		if loc := pemBegin().FindStringIndex(l); loc != nil {
			head, body := l[:loc[1]], l[loc[1]:]
			inPEM = !pemEnd().MatchString(body)
			lines[i] = maskLine(head) + maskPEMBody(body)
			continue
		}
		if inPEM {
			if loc := pemEnd().FindStringIndex(l); loc != nil {
				inPEM = false
				lines[i] = maskPEMBody(l[:loc[0]]) + maskLine(l[loc[0]:])
				continue
			}
			lines[i] = maskPEMBody(l)
			continue
		}
		lines[i] = maskLine(l)
	}
}

// maskLine masks access key ids, 40-character tokens when the line names
// a secret or the token looks random (upper and lower case letters and
// digits: the value of an environment pair, whose name is on another
// line), and base64 text that encodes either.
func maskLine(l string) string {
	if longestRun(l) < minCredentialRun {
		return l
	}
	return maskCredentials(l)
}

// maskCredentials is maskLine's search with the patterns.
func maskCredentials(l string) string {
	if hasKeyIDPrefix(l) {
		l = replaceGroup(keyID(), l)
	}
	longest := longestRun(l)
	if longest >= secretTokenLen {
		if secretName().MatchString(l) {
			l = replaceGroup(secretToken(), l)
		} else {
			l = replaceGroupIf(secretToken(), l, looksRandom)
		}
		longest = longestRun(l)
	}
	if longest < minEncodedRun {
		return l
	}
	return encoded().ReplaceAllStringFunc(l, func(run string) string {
		if text, ok := decodeText(run); ok && Mask(text) != text {
			return Masked(run)
		}
		return run
	})
}

// decodeText decodes base64 that encodes UTF-8 text.
func decodeText(s string) (string, bool) {
	if len(s)%4 != 0 {
		return "", false
	}
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil || !utf8.Valid(b) {
		return "", false
	}
	return string(b), true
}

// maskPEMBody masks the base64 runs of a PEM private key's body, up to its
// END marker when the text holds it.
func maskPEMBody(s string) string {
	end := len(s)
	if loc := pemEnd().FindStringIndex(s); loc != nil {
		end = loc[0]
	}
	return base64Run().ReplaceAllStringFunc(s[:end], Masked) + s[end:]
}

// looksRandom reports whether a token mixes upper and lower case letters
// and digits, as a generated secret does and a hex hash does not.
func looksRandom(tok string) bool {
	return strings.ContainsAny(tok, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") &&
		strings.ContainsAny(tok, "abcdefghijklmnopqrstuvwxyz") &&
		strings.ContainsAny(tok, "0123456789")
}

// replaceGroup replaces the first submatch of every match of re in s by
// its masked form.
func replaceGroup(re *regexp.Regexp, s string) string {
	return replaceGroupIf(re, s, func(string) bool { return true })
}

// replaceGroupIf masks the first submatch of the matches of re for which
// mask holds. Matches share no boundary character, so two tokens one
// separator apart take a second pass; a masked token no longer matches.
func replaceGroupIf(re *regexp.Regexp, s string, mask func(string) bool) string {
	for {
		next := replaceOnce(re, s, mask)
		if next == s {
			return s
		}
		s = next
	}
}

func replaceOnce(re *regexp.Regexp, s string, mask func(string) bool) string {
	ms := re.FindAllStringSubmatchIndex(s, -1)
	if ms == nil {
		return s
	}
	var b strings.Builder
	last := 0
	for _, m := range ms {
		tok := s[m[2]:m[3]]
		if !mask(tok) {
			continue
		}
		b.WriteString(s[last:m[2]])
		b.WriteString(Masked(tok))
		last = m[3]
	}
	b.WriteString(s[last:])
	return b.String()
}
