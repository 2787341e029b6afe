package analyzer

import (
	"encoding/binary"
	"fmt"

	"github.com/rampart-iac/rampart/analyzer/engine"
	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/result"
)

// A batch's results wait in a packedOutput until the last batch is
// evaluated. Kept as they come out of the engine, the results of a large
// tree are hundreds of thousands of small objects (a finding of the
// 200-copy tree holds its message, fingerprint, path, trace and instance
// apart), and the collector marks every one of them on every cycle for
// the rest of the scan: the collector's CPU grew faster than the tree.
// Packed, a batch is one block of bytes with no pointers in it, which the
// collector does not look into; its results are unpacked once, for the
// report.
//
// The block is a sequence of unsigned varints. A string is written once
// per batch (0, its length, its bytes) and then by number (n+1 for the
// n-th string met), so that a rule's title and remediation, a module's
// file names and a resource's address cost their bytes once per batch.
// A slice is written as its length plus one, 0 for nil: reports tell an
// empty trace from none.
type packedOutput struct {
	data []byte
}

// packOutput packs out, which must not be nil.
func packOutput(out *engine.Output) *packedOutput {
	p := packer{seen: map[string]uint64{}}
	p.len(out.Findings == nil, len(out.Findings))
	for i := range out.Findings {
		p.finding(&out.Findings[i])
	}
	p.len(out.Undecided == nil, len(out.Undecided))
	for i := range out.Undecided {
		p.undecided(&out.Undecided[i])
	}
	p.len(out.Passed == nil, len(out.Passed))
	for i := range out.Passed {
		p.check(&out.Passed[i])
	}
	return &packedOutput{data: p.buf}
}

// unpack returns the results packed. Their strings share one copy of the
// block.
func (po *packedOutput) unpack() *engine.Output {
	u := unpacker{data: po.data, text: string(po.data)}
	out := &engine.Output{}
	if n, ok := u.len(); ok {
		out.Findings = make([]result.Finding, n)
		for i := range out.Findings {
			u.finding(&out.Findings[i])
		}
	}
	if n, ok := u.len(); ok {
		out.Undecided = make([]result.Undecided, n)
		for i := range out.Undecided {
			u.undecided(&out.Undecided[i])
		}
	}
	if n, ok := u.len(); ok {
		out.Passed = make([]result.Check, n)
		for i := range out.Passed {
			u.check(&out.Passed[i])
		}
	}
	if u.pos != len(u.text) {
		panic(fmt.Sprintf("packed results: %d bytes left over", len(u.text)-u.pos))
	}
	return out
}

// packDeclarations packs what the suppression stage reads of resources
// without rampart Metadata: what declaration gives for each, which
// unpackDeclarations gives back.
func packDeclarations(cs []*graph.Canonical) []byte {
	p := packer{seen: map[string]uint64{}}
	p.uint(uint64(len(cs)))
	for _, c := range cs {
		p.str(c.UID)
		p.str(c.Kind)
		p.str(c.Native.ID)
		p.location(c.Native.Loc)
	}
	return p.buf
}

func unpackDeclarations(data []byte) []*graph.Canonical {
	u := unpacker{data: data, text: string(data)}
	out := make([]*graph.Canonical, u.uint())
	for i := range out {
		c := &graph.Canonical{UID: u.str(), Kind: u.str()}
		c.Native = &graph.Resource{ID: u.str(), Loc: u.location()}
		out[i] = c
	}
	if u.pos != len(u.text) {
		panic(fmt.Sprintf("packed declarations: %d bytes left over", len(u.text)-u.pos))
	}
	return out
}

type packer struct {
	buf  []byte
	seen map[string]uint64
}

func (p *packer) uint(v uint64) { p.buf = binary.AppendUvarint(p.buf, v) }
func (p *packer) int(v int)     { p.buf = binary.AppendVarint(p.buf, int64(v)) }

func (p *packer) bool(b bool) {
	if b {
		p.uint(1)
	} else {
		p.uint(0)
	}
}

func (p *packer) len(isNil bool, n int) {
	if isNil {
		p.uint(0)
		return
	}
	p.uint(uint64(n) + 1)
}

func (p *packer) str(s string) {
	if i, ok := p.seen[s]; ok {
		p.uint(i + 1)
		return
	}
	p.seen[s] = uint64(len(p.seen))
	p.uint(0)
	p.uint(uint64(len(s)))
	p.buf = append(p.buf, s...)
}

func (p *packer) finding(f *result.Finding) {
	p.str(f.RuleID)
	p.str(f.RuleName)
	p.int(int(f.Severity))
	p.str(f.Title)
	p.str(f.Message)
	p.resource(f.Resource)
	p.location(f.Location)
	p.str(f.Path)
	p.str(f.Remediation)
	p.str(f.Fingerprint)
	p.bool(f.Suppressed)
	p.bool(f.Suppression != nil)
	if s := f.Suppression; s != nil {
		p.str(s.Source)
		p.str(s.Reason)
		p.str(s.Until)
		p.location(s.Location)
	}
	p.trace(f.Trace)
	p.len(f.Notes == nil, len(f.Notes))
	for _, n := range f.Notes {
		p.str(n)
	}
	p.instances(f.Instances)
}

func (p *packer) undecided(u *result.Undecided) {
	p.str(u.RuleID)
	p.str(u.RuleName)
	p.int(int(u.Severity))
	p.resource(u.Resource)
	p.location(u.Location)
	p.str(u.Path)
	p.str(u.Reason)
	p.instances(u.Instances)
}

func (p *packer) check(c *result.Check) {
	p.str(c.RuleID)
	p.resource(c.Resource)
	p.location(c.Location)
	p.instances(c.Instances)
}

func (p *packer) resource(r result.ResourceRef) {
	p.str(r.ID)
	p.str(r.Type)
	p.str(r.Kind)
}

func (p *packer) location(l graph.Location) {
	p.str(l.File)
	p.int(l.StartLine)
	p.int(l.StartCol)
	p.int(l.EndLine)
	p.int(l.EndCol)
}

func (p *packer) trace(t graph.Trace) {
	p.len(t == nil, len(t))
	for _, h := range t {
		p.location(h.Location)
		p.str(h.Note)
	}
}

func (p *packer) instances(is []result.Instance) {
	p.len(is == nil, len(is))
	for _, in := range is {
		p.str(in.Root)
		p.str(in.Module)
		p.str(in.Resource)
		p.trace(in.Trace)
	}
}

// unpacker reads a block's numbers from data and takes its strings from
// text, a copy of data.
type unpacker struct {
	data  []byte
	text  string
	pos   int
	table []string
}

// uint reads a varint; the block is the packer's own, so a bad one is a
// bug in the packing.
func (u *unpacker) uint() uint64 {
	v, n := binary.Uvarint(u.data[u.pos:])
	if n <= 0 {
		panic(fmt.Sprintf("packed results: bad varint at byte %d", u.pos))
	}
	u.pos += n
	return v
}

func (u *unpacker) int() int {
	v, n := binary.Varint(u.data[u.pos:])
	if n <= 0 {
		panic(fmt.Sprintf("packed results: bad varint at byte %d", u.pos))
	}
	u.pos += n
	return int(v)
}

func (u *unpacker) bool() bool { return u.uint() != 0 }

// len reads a slice's length; false for a nil slice.
func (u *unpacker) len() (int, bool) {
	n := u.uint()
	if n == 0 {
		return 0, false
	}
	return int(n - 1), true
}

func (u *unpacker) str() string {
	if i := u.uint(); i > 0 {
		return u.table[i-1]
	}
	n := int(u.uint())
	s := u.text[u.pos : u.pos+n]
	u.pos += n
	u.table = append(u.table, s)
	return s
}

func (u *unpacker) finding(f *result.Finding) {
	f.RuleID = u.str()
	f.RuleName = u.str()
	f.Severity = result.Severity(u.int())
	f.Title = u.str()
	f.Message = u.str()
	f.Resource = u.resource()
	f.Location = u.location()
	f.Path = u.str()
	f.Remediation = u.str()
	f.Fingerprint = u.str()
	f.Suppressed = u.bool()
	if u.bool() {
		f.Suppression = &result.Suppression{Source: u.str(), Reason: u.str(), Until: u.str(), Location: u.location()}
	}
	f.Trace = u.trace()
	if n, ok := u.len(); ok {
		f.Notes = make([]string, n)
		for i := range f.Notes {
			f.Notes[i] = u.str()
		}
	}
	f.Instances = u.instances()
}

func (u *unpacker) undecided(d *result.Undecided) {
	d.RuleID = u.str()
	d.RuleName = u.str()
	d.Severity = result.Severity(u.int())
	d.Resource = u.resource()
	d.Location = u.location()
	d.Path = u.str()
	d.Reason = u.str()
	d.Instances = u.instances()
}

func (u *unpacker) check(c *result.Check) {
	c.RuleID = u.str()
	c.Resource = u.resource()
	c.Location = u.location()
	c.Instances = u.instances()
}

func (u *unpacker) resource() result.ResourceRef {
	return result.ResourceRef{ID: u.str(), Type: u.str(), Kind: u.str()}
}

func (u *unpacker) location() graph.Location {
	return graph.Location{File: u.str(), StartLine: u.int(), StartCol: u.int(), EndLine: u.int(), EndCol: u.int()}
}

func (u *unpacker) trace() graph.Trace {
	n, ok := u.len()
	if !ok {
		return nil
	}
	t := make(graph.Trace, n)
	for i := range t {
		t[i] = graph.Hop{Location: u.location(), Note: u.str()}
	}
	return t
}

func (u *unpacker) instances() []result.Instance {
	n, ok := u.len()
	if !ok {
		return nil
	}
	is := make([]result.Instance, n)
	for i := range is {
		is[i] = result.Instance{Root: u.str(), Module: u.str(), Resource: u.str(), Trace: u.trace()}
	}
	return is
}
