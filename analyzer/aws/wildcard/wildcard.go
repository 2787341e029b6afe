// Package wildcard matches strings against patterns in which `*` stands
// for any run of characters, as CloudWatch Logs filter patterns and
// EventBridge wildcard patterns both write them.
package wildcard

import "strings"

// Match reports whether s matches pattern, every `*` of which stands for
// any run of characters (none included).
func Match(pattern, s string) bool {
	return MatchParts(strings.Split(pattern, "*"), s)
}

// MatchParts reports whether s is parts[0], then anything, parts[1], ...,
// anything, parts[len-1]: a pattern already split at its stars, for
// syntaxes in which a star can be escaped.
func MatchParts(parts []string, s string) bool {
	if len(parts) == 1 {
		return parts[0] == s
	}
	if !strings.HasPrefix(s, parts[0]) {
		return false
	}
	s = s[len(parts[0]):]
	for _, mid := range parts[1 : len(parts)-1] {
		i := strings.Index(s, mid)
		if i < 0 {
			return false
		}
		s = s[i+len(mid):]
	}
	return strings.HasSuffix(s, parts[len(parts)-1])
}
