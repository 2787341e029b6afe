package cloudformation

import (
	"fmt"
	"math/big"
	"net/netip"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// fnCidr resolves Fn::Cidr [ipBlock, count, cidrBits]: the first count
// subnets of ipBlock, each with cidrBits host bits.
func (st *stack) fnCidr(arg *node, loc graph.Location, c evalCtx) *graph.Value {
	items, ok := st.argList("Fn::Cidr", arg, 3, 3)
	if !ok {
		return graph.Unknown("invalid Fn::Cidr", loc)
	}
	bv, block, ok := st.argString(items[0], "Fn::Cidr ipBlock", c)
	if !ok {
		return unknownFrom("Fn::Cidr", bv, loc)
	}
	nums := make([]int, 2)
	for i, it := range items[1:] {
		v, s, ok := st.argString(it, "Fn::Cidr count and cidrBits", c)
		if !ok {
			return unknownFrom("Fn::Cidr", v, loc)
		}
		var n int
		if _, err := fmt.Sscan(s, &n); err != nil {
			st.p.errorf(it.loc, "Fn::Cidr: %q is not a whole number", s)
			return graph.Unknown("invalid Fn::Cidr", loc)
		}
		nums[i] = n
	}
	subnets, err := cidrSubnets(block, nums[0], nums[1])
	if err != nil {
		st.p.errorf(loc, "Fn::Cidr: %v", err)
		return graph.Unknown("invalid Fn::Cidr", loc)
	}
	out := make([]*graph.Value, len(subnets))
	for i, s := range subnets {
		out[i] = fromParts(graph.String(s, loc), bv)
	}
	return fromParts(graph.List(out, loc), bv)
}

// cidrSubnets splits block into count consecutive subnets of hostBits host
// bits each, as Fn::Cidr does.
func cidrSubnets(block string, count, hostBits int) ([]string, error) {
	prefix, err := netip.ParsePrefix(block)
	if err != nil {
		return nil, fmt.Errorf("ipBlock %q is not a CIDR block: %w", block, err)
	}
	prefix = prefix.Masked()
	total := prefix.Addr().BitLen()
	newLen := total - hostBits
	if hostBits < 0 || newLen < prefix.Bits() {
		return nil, fmt.Errorf("cidrBits %d does not fit in %s", hostBits, block)
	}
	if count < 1 || count > 256 {
		return nil, fmt.Errorf("count %d must be between 1 and 256", count)
	}
	if avail := newLen - prefix.Bits(); avail < 63 && count > 1<<avail {
		return nil, fmt.Errorf("%s holds only %d subnets of /%d, not %d", block, 1<<avail, newLen, count)
	}
	base := new(big.Int).SetBytes(prefix.Addr().AsSlice())
	step := new(big.Int).Lsh(big.NewInt(1), uint(hostBits))
	out := make([]string, count)
	for i := range count {
		n := new(big.Int).Add(base, new(big.Int).Mul(step, big.NewInt(int64(i))))
		buf := make([]byte, total/8)
		n.FillBytes(buf)
		addr, _ := netip.AddrFromSlice(buf)
		out[i] = netip.PrefixFrom(addr, newLen).String()
	}
	return out, nil
}
