package graph

import (
	"encoding/json"
	"reflect"
	"testing"
)

func at(line int) Location { return Location{File: "f", StartLine: line, EndLine: line} }

func TestDeriveRelocatesEveryNodeAndRemembersWhere(t *testing.T) {
	orig := List([]*Value{String("0.0.0.0/0", at(3)), String("10.0.0.0/8", at(4))}, at(2))
	orig.Trace = Trace{{Location: at(1), Note: "terraform.tfvars"}}
	use := at(20)
	d := orig.Derive(use, "module input cidrs")

	if d.Loc != use || d.List[1].Loc != use {
		t.Errorf("derived value not located at the use site: %v, %v", d.Loc, d.List[1].Loc)
	}
	wantTop := Trace{{Location: at(1), Note: "terraform.tfvars"}, {Location: at(2), Note: "module input cidrs"}}
	if !reflect.DeepEqual(d.Trace, wantTop) {
		t.Errorf("trace = %+v, want %+v", d.Trace, wantTop)
	}
	if got := d.List[1].Trace; len(got) != 1 || got[0].Location != at(4) {
		t.Errorf("element trace = %+v, want its own line 4", got)
	}
	if orig.Loc != at(2) || len(orig.Trace) != 1 || orig.List[0].Loc != at(3) {
		t.Error("Derive modified the original value")
	}
}

func TestPathsAndLookups(t *testing.T) {
	m := Map(at(1))
	m.Set("ingress", List([]*Value{Map(at(2)).Set("cidrs", List([]*Value{String("::/0", at(3))}, at(3)))}, at(2)))
	tests := []struct {
		path    Path
		at      string
		nearest int
		str     string
	}{
		{Path{"ingress", 0, "cidrs", 0}, `"::/0"`, 3, "ingress[0].cidrs[0]"},
		{Path{"ingress", 0, "description"}, "<nil>", 2, "ingress[0].description"},
		{Path{"ingress", 5}, "<nil>", 2, "ingress[5]"},
		{Path{"egress"}, "<nil>", 1, "egress"},
	}
	for _, tt := range tests {
		if got := m.At(tt.path).GoString(); got != tt.at {
			t.Errorf("At(%v) = %s, want %s", tt.path, got, tt.at)
		}
		if got := m.Nearest(tt.path).Loc.StartLine; got != tt.nearest {
			t.Errorf("Nearest(%v) at line %d, want %d", tt.path, got, tt.nearest)
		}
		if got := tt.path.String(); got != tt.str {
			t.Errorf("String() = %q, want %q", got, tt.str)
		}
	}
}

func TestParsePath(t *testing.T) {
	got, err := ParsePath([]any{"ingress", float64(1), json.Number("2"), int64(3), 4})
	if err != nil || !reflect.DeepEqual(got, Path{"ingress", 1, 2, 3, 4}) {
		t.Errorf("ParsePath = %v, %v", got, err)
	}
	if _, err := ParsePath([]any{true}); err == nil {
		t.Error("a boolean step was accepted")
	}
}

func TestCoercions(t *testing.T) {
	tests := []struct {
		v       *Value
		num     float64
		numOK   bool
		boolean bool
		boolOK  bool
		str     string
		strOK   bool
	}{
		{String(" 22 ", at(1)), 22, true, false, false, " 22 ", true},
		{Number(22, at(1)), 22, true, false, false, "22", true},
		{Number(0.5, at(1)), 0.5, true, false, false, "0.5", true},
		{String("TRUE", at(1)), 0, false, true, true, "TRUE", true},
		{Bool(false, at(1)), 0, false, false, true, "false", true},
		{String("NaN", at(1)), 0, false, false, false, "NaN", true},
		{Unknown("var", at(1)), 0, false, false, false, "", false},
	}
	for _, tt := range tests {
		if n, ok := tt.v.AsNumber(); n != tt.num || ok != tt.numOK {
			t.Errorf("%s.AsNumber() = %v, %v", tt.v.GoString(), n, ok)
		}
		if b, ok := tt.v.AsBool(); b != tt.boolean || ok != tt.boolOK {
			t.Errorf("%s.AsBool() = %v, %v", tt.v.GoString(), b, ok)
		}
		if s, ok := tt.v.AsString(); s != tt.str || ok != tt.strOK {
			t.Errorf("%s.AsString() = %q, %v", tt.v.GoString(), s, ok)
		}
	}
}

func TestUnknownIsNullInPlainData(t *testing.T) {
	m := Map(at(1))
	m.Set("a", Unknown("data source", at(2)))
	m.Set("b", List([]*Value{UnknownRef("aws_sg.web", "id", "computed", at(3)), Number(1, at(3))}, at(3)))
	got := m.Interface()
	want := map[string]any{"a": nil, "b": []any{nil, float64(1)}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Interface() = %#v, want %#v", got, want)
	}
	if m.IsWhollyKnown() || !m.Get("b").Index(1).IsWhollyKnown() {
		t.Error("IsWhollyKnown is wrong")
	}
	if g := m.GoString(); g != "{a: (unknown), b: [(unknown aws_sg.web.id), 1]}" {
		t.Errorf("GoString = %s", g)
	}
}

func TestMapKeepsInsertionOrderAndDeletes(t *testing.T) {
	m := Map(at(1))
	m.Set("b", Null(at(1))).Set("a", Null(at(1))).Set("b", Bool(true, at(1)))
	m.Delete("a")
	m.Delete("missing")
	if !reflect.DeepEqual(m.Keys, []string{"b"}) || !m.Get("b").Bool {
		t.Errorf("keys %v, b %s", m.Keys, m.Get("b").GoString())
	}
}

func TestDecodedTreeTravelsWithCopyAndDerive(t *testing.T) {
	tree := Map(at(5)).Set("Action", String("*", at(6)))
	s := Unknown("computed attribute aws_s3_bucket.b.arn", at(4))
	s.Decoded = tree

	c := s.Copy()
	if c.Decoded == tree || c.Decoded.Get("Action").Loc != at(6) {
		t.Errorf("Copy shares or moves the decoded tree: %#v", c.Decoded)
	}
	d := s.Derive(at(20), "local policy")
	act := d.Decoded.Get("Action")
	if act.Loc != at(20) || len(act.Trace) != 1 || act.Trace[0].Location != at(6) {
		t.Errorf("derived decoded leaf = %v %+v, want at line 20 via line 6", act.Loc, act.Trace)
	}
	if tree.Get("Action").Loc != at(6) {
		t.Error("Derive modified the original decoded tree")
	}
}
