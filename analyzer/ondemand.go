package analyzer

import (
	"github.com/rampart-iac/rampart/analyzer/aws"
	"github.com/rampart-iac/rampart/analyzer/engine"
)

// onDemandKinds are the kinds built only on demand (aws.OnDemandKinds)
// that an enabled rule of eng names: only those are built for the scan.
func onDemandKinds(eng *engine.Engine) []string {
	var out []string
	for _, k := range aws.OnDemandKinds() {
		if eng.Wants(k) {
			out = append(out, k)
		}
	}
	return out
}
