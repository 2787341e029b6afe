# METADATA
# title: network address helpers
# description: |
#   CIDR classification for security group sources, IPv4 and IPv6. Only the
#   local net.cidr_* built-ins are used; a value that is not a valid CIDR
#   (an Unknown, a typo) is neither public nor private, so it never
#   produces a finding.
package rampart.lib.net

# Address space that is not reachable from the internet: RFC 1918, the
# RFC 6598 shared (carrier-grade NAT) range and IPv6 unique local addresses.
private_ipv4_ranges := ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"]

private_ipv6_ranges := ["fc00::/7"]

is_cidr(c) if {
	is_string(c)
	net.cidr_is_valid(c)
}

is_ipv6(c) if contains(c, ":")

# prefix_length is the number after the slash.
prefix_length(c) := to_number(split(c, "/")[1]) if is_cidr(c)

# is_public_cidr holds for a CIDR that matches every address of its family:
# 0.0.0.0/0 and ::/0 (any /0, which AWS reads the same way). The cheap
# suffix test comes first: rules call this for every source of every rule.
is_public_cidr(c) if {
	is_string(c)
	endswith(c, "/0")
	net.cidr_is_valid(c)
}

# is_private_cidr holds for a CIDR wholly inside the private ranges of its
# family. Families are checked first: net.cidr_contains compares an IPv4
# range with an IPv6 one as an error, not as false.
is_private_cidr(c) if {
	is_cidr(c)
	not is_ipv6(c)
	some r in private_ipv4_ranges
	net.cidr_contains(r, c)
}

is_private_cidr(c) if {
	is_cidr(c)
	is_ipv6(c)
	some r in private_ipv6_ranges
	net.cidr_contains(r, c)
}

# is_non_private_cidr holds for a valid CIDR that reaches beyond the private
# ranges; public CIDRs are non-private too.
is_non_private_cidr(c) if {
	is_cidr(c)
	not is_private_cidr(c)
}

# Verdicts (lib/verdict.rego) about a CIDR source: "yes", "maybe" for an
# Unknown (null) source, no otherwise.
public(c) := "yes" if is_public_cidr(c)

public(c) := "maybe" if is_null(c)

non_private(c) := "yes" if is_non_private_cidr(c)

non_private(c) := "maybe" if is_null(c)

# non_private_not_public: a non-private source that is not public
# (AWS-SG-004 leaves public sources to AWS-SG-003).
non_private_not_public(c) := "yes" if {
	is_non_private_cidr(c)
	not is_public_cidr(c)
}

non_private_not_public(c) := "maybe" if is_null(c)
