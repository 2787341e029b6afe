package aws

import "github.com/rampart-iac/rampart/analyzer/graph"

// elbPolicyMinTLS maps each predefined Elastic Load Balancing security
// policy to the oldest protocol version it accepts. It lives here, not in
// Rego, so that a name it does not list becomes an Unknown value the
// engine reports as undecided. Sources (the policy tables of the Elastic
// Load Balancing User Guide):
//
//	https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html
//	https://docs.aws.amazon.com/elasticloadbalancing/latest/network/describe-ssl-policies.html
//	https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-security-policy-table.html
var elbPolicyMinTLS = map[string]string{
	"ELBSecurityPolicy-TLS13-1-3-2021-06":              "TLSv1.3",
	"ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04":         "TLSv1.3",
	"ELBSecurityPolicy-TLS13-1-3-PQ-2025-09":           "TLSv1.3",
	"ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09":      "TLSv1.3",
	"ELBSecurityPolicy-TLS13-1-2-2021-06":              "TLSv1.2",
	"ELBSecurityPolicy-TLS13-1-2-Res-2021-06":          "TLSv1.2",
	"ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06":         "TLSv1.2",
	"ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06":         "TLSv1.2",
	"ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04":         "TLSv1.2",
	"ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04":     "TLSv1.2",
	"ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04":    "TLSv1.2",
	"ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04":    "TLSv1.2",
	"ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04":    "TLSv1.2",
	"ELBSecurityPolicy-TLS13-1-2-PQ-2025-09":           "TLSv1.2",
	"ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09":       "TLSv1.2",
	"ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09":      "TLSv1.2",
	"ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09":      "TLSv1.2",
	"ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09":      "TLSv1.2",
	"ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09":  "TLSv1.2",
	"ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-PQ-2025-09": "TLSv1.2",
	"ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-PQ-2025-09": "TLSv1.2",
	"ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09": "TLSv1.2",
	"ELBSecurityPolicy-TLS-1-2-2017-01":                "TLSv1.2",
	"ELBSecurityPolicy-TLS-1-2-Ext-2018-06":            "TLSv1.2",
	"ELBSecurityPolicy-FS-1-2-2019-08":                 "TLSv1.2",
	"ELBSecurityPolicy-FS-1-2-Res-2019-08":             "TLSv1.2",
	"ELBSecurityPolicy-FS-1-2-Res-2020-10":             "TLSv1.2",
	"ELBSecurityPolicy-TLS13-1-1-2021-06":              "TLSv1.1",
	"ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04":         "TLSv1.1",
	"ELBSecurityPolicy-TLS-1-1-2017-01":                "TLSv1.1",
	"ELBSecurityPolicy-FS-1-1-2019-08":                 "TLSv1.1",
	"ELBSecurityPolicy-TLS13-1-0-2021-06":              "TLSv1.0",
	"ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04":         "TLSv1.0",
	"ELBSecurityPolicy-2016-08":                        "TLSv1.0",
	"ELBSecurityPolicy-2015-05":                        "TLSv1.0",
	"ELBSecurityPolicy-FS-2018-06":                     "TLSv1.0",
	// Classic Load Balancers only: older predefined policies.
	"ELBSecurityPolicy-2015-03":            "TLSv1.0",
	"ELBSecurityPolicy-2015-02":            "TLSv1.0",
	"ELBSecurityPolicy-2014-10":            "TLSv1.0",
	"ELBSecurityPolicy-2014-01":            "SSLv3",
	"ELBSecurityPolicy-2011-08":            "SSLv3",
	"ELBSample-ELBDefaultCipherPolicy":     "SSLv3",
	"ELBSample-OpenSSLDefaultCipherPolicy": "SSLv3",
}

// minTLSVersion is the oldest protocol version the security policy named
// by policy accepts, Unknown when policy is, or when it names a policy the
// table does not list (a newer one, or a custom one): neither old nor
// fine.
func minTLSVersion(policy *graph.Value) *graph.Value {
	if policy == nil || policy.IsUnknown() {
		return policy
	}
	name, _ := policy.AsString()
	if v, ok := elbPolicyMinTLS[name]; ok {
		return graph.String(v, policy.Loc)
	}
	return graph.Unknown("security policy "+name+" is not one whose protocols rampart knows", policy.Loc)
}
