package tffuncs

import (
	"fmt"
	"net"
	"strconv"
	"strings"

	"github.com/hashicorp/go-cty-funcs/cidr"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// The cidr functions are go-cty-funcs', with two differences Terraform
// documents: an IPv4 octet with leading zeros ("010.0.0.0/8") is decimal,
// where Go's parser refuses it, and cidrnetmask refuses IPv6 prefixes.
var (
	CIDRHostFunc    = withDecimalOctets(cidr.HostFunc)
	CIDRSubnetFunc  = withDecimalOctets(cidr.SubnetFunc)
	CIDRSubnetsFunc = withDecimalOctets(cidr.SubnetsFunc)
	CIDRNetmaskFunc = withDecimalOctets(ipv4Only(cidr.NetmaskFunc))
)

// withDecimalOctets rewrites the prefix (the first argument) so that
// leading zeros in IPv4 octets are read as decimal, then calls fn.
func withDecimalOctets(fn function.Function) function.Function {
	return function.New(&function.Spec{
		Description: fn.Description(),
		Params:      fn.Params(),
		VarParam:    fn.VarParam(),
		Type: func(args []cty.Value) (cty.Type, error) {
			return fn.ReturnTypeForValues(args)
		},
		RefineResult: refineNotNull,
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			a := append([]cty.Value(nil), args...)
			a[0] = cty.StringVal(decimalOctets(args[0].AsString()))
			return fn.Call(a)
		},
	})
}

// decimalOctets drops leading zeros from the octets of an IPv4 address or
// prefix; anything else comes back unchanged for the parser to judge.
func decimalOctets(s string) string {
	addr, bits, hasBits := strings.Cut(s, "/")
	parts := strings.Split(addr, ".")
	if len(parts) != 4 {
		return s
	}
	for i, p := range parts {
		if p == "" || strings.TrimLeft(p, "0123456789") != "" {
			return s
		}
		n, err := strconv.Atoi(p)
		if err != nil || n > 255 {
			return s
		}
		parts[i] = strconv.Itoa(n)
	}
	out := strings.Join(parts, ".")
	if hasBits {
		out += "/" + bits
	}
	return out
}

// ipv4Only refuses an IPv6 prefix, which has no dotted-decimal mask.
func ipv4Only(fn function.Function) function.Function {
	return function.New(&function.Spec{
		Description: "Returns the subnet mask of an IPv4 CIDR prefix.",
		Params:      fn.Params(),
		Type: func(args []cty.Value) (cty.Type, error) {
			return fn.ReturnTypeForValues(args)
		},
		RefineResult: refineNotNull,
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if _, network, err := net.ParseCIDR(args[0].AsString()); err == nil && network.IP.To4() == nil {
				return cty.NilVal, fmt.Errorf("IPv6 addresses cannot have a netmask: %s", args[0].AsString())
			}
			return fn.Call(args)
		},
	})
}
