package engine

import (
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// reachesOutside reports whether a built-in can observe or touch anything
// outside the process (the network, the environment, the OPA runtime). A
// scan must give the same answer offline as online, and a policy from a
// --policy-dir must not exfiltrate the templates it reads. The net.cidr_*
// family is pure address arithmetic and stays.
func reachesOutside(name string) bool {
	switch name {
	case "http.send", "opa.runtime", "net.lookup_ip_addr":
		return true
	}
	return strings.HasPrefix(name, "net.") && !strings.HasPrefix(name, "net.cidr_")
}

// capabilities returns this OPA version's capabilities without the
// built-ins that reach outside the process. A policy that calls one fails
// to compile with "undefined function".
func capabilities() *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	kept := caps.Builtins[:0:0]
	for _, b := range caps.Builtins {
		if !reachesOutside(b.Name) {
			kept = append(kept, b)
		}
	}
	caps.Builtins = kept
	return caps
}
