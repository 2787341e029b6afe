package tffuncs

import (
	"net"

	"github.com/hashicorp/go-cty-funcs/cidr"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// CIDRNetmaskFunc is cidrnetmask(prefix): the dotted-decimal subnet mask
// of an IPv4 prefix. go-cty-funcs computes it; Terraform refuses IPv6
// prefixes, which have no such mask, and so does this wrapper rather than
// printing a 128-bit mask as an address.
var CIDRNetmaskFunc = function.New(&function.Spec{
	Description: "Returns the subnet mask of an IPv4 CIDR prefix.",
	Params: []function.Parameter{
		{Name: "prefix", Type: cty.String},
	},
	Type:         function.StaticReturnType(cty.String),
	RefineResult: refineNotNull,
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		if _, network, err := net.ParseCIDR(args[0].AsString()); err == nil && network.IP.To4() == nil {
			return cty.NilVal, function.NewArgErrorf(0, "IPv6 addresses cannot have a netmask: %s", args[0].AsString())
		}
		return cidr.NetmaskFunc.Call(args)
	},
})
