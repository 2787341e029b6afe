package aws

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/cloudformation"
	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/terraform"
)

// publicOf returns every subnet's `public` in the unit, by ID.
func publicOf(u *graph.Unit) map[string]*graph.Value {
	j := newJoins(newUnitIndex(context.Background(), u))
	out := map[string]*graph.Value{}
	for _, s := range j.idx.ofTypes(subnetTypes...) {
		out[s.ID] = j.subnetPublic(s)
	}
	return out
}

// render is "true", "false" or "(unknown) <reason>", then the trace as
// line:note hops.
func render(v *graph.Value) string {
	var b strings.Builder
	b.WriteString(v.GoString())
	if v.IsUnknown() {
		b.WriteString(" " + v.Reason)
	}
	for _, h := range v.Trace {
		b.WriteString(" | " + itoa(h.StartLine) + ":" + h.Note)
	}
	return b.String()
}

func TestSubnetPublicTerraform(t *testing.T) {
	units := terraform.LoadModules(context.Background(), []string{"testdata/subnets/tf"}, terraform.Options{Root: "testdata"})
	if len(units) != 1 || units[0].Diagnostics.HasErrors() {
		t.Fatalf("units = %d, diagnostics %v", len(units), units)
	}
	want := map[string]string{
		"aws_subnet.public": "true | 9:internet gateway aws_internet_gateway.gw | 16:route to the internet through the gateway" +
			" | 13:route table aws_route_table.public | 47:aws_route_table_association.public associates aws_subnet.public with route table aws_route_table.public",
		"aws_subnet.private": "false | 22:route table aws_route_table.private" +
			" | 57:aws_route_table_association.private associates aws_subnet.private with route table aws_route_table.private",
		"aws_subnet.separate": "true | 9:internet gateway aws_internet_gateway.gw | 36:route to the internet through the gateway" +
			" | 32:route table aws_route_table.separate | 67:aws_route_table_association.separate associates aws_subnet.separate with route table aws_route_table.separate",
		"aws_subnet.maybe":      "(unknown) aws_route_table_association.maybe[*] may not exist: its count or for_each (or its module's) is not known before apply, so the subnet's route table is not known",
		"aws_subnet.main_table": "false | 5:aws_subnet.main_table has no route table association: the main route table of aws_vpc.main applies",
		"aws_subnet.elsewhere":  "(unknown) aws_subnet.elsewhere has no route table association and its VPC is outside the scan, so its main route table is not known",
	}
	checkPublic(t, publicOf(units[0]), want)
}

func TestSubnetPublicCloudFormation(t *testing.T) {
	src, err := os.ReadFile("testdata/subnets/cfn.yaml")
	if err != nil {
		t.Fatal(err)
	}
	u := cloudformation.Parse(context.Background(), "cfn.yaml", src, cloudformation.Options{})
	if u.Diagnostics.HasErrors() {
		t.Fatalf("diagnostics: %v", u.Diagnostics)
	}
	want := map[string]string{
		"PublicSubnet": "true | 10:internet gateway Igw | 12:Attachment attaches Igw to its VPC | 21:route to the internet through the gateway" +
			" | 17:route table PublicTable | 33:PublicAssociation associates PublicSubnet with route table PublicTable",
		"OtherSubnet": `(unknown) UnknownRoute's gateway is not known: parameter Gateway has no value (no Default, no --cfn-param) | 38:route table OtherTable` +
			" | 53:OtherAssociation associates OtherSubnet with route table OtherTable",
		"MainSubnet": "false | 6:MainSubnet has no route table association: the main route table of Vpc applies",
	}
	checkPublic(t, publicOf(u), want)
}

func checkPublic(t *testing.T, got map[string]*graph.Value, want map[string]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("got %d subnets, want %d", len(got), len(want))
	}
	for id, w := range want {
		v := got[id]
		if v == nil {
			t.Errorf("%s: no value", id)
			continue
		}
		if g := render(v); g != w {
			t.Errorf("%s public =\n  %s\nwant\n  %s", id, g, w)
		}
	}
}

// TestNormalizeJoinsSubnetPublic: Normalize's second phase writes the
// joined `public` on the canonical subnets, trace included.
func TestNormalizeJoinsSubnetPublic(t *testing.T) {
	src, err := os.ReadFile("testdata/subnets/cfn.yaml")
	if err != nil {
		t.Fatal(err)
	}
	u := cloudformation.Parse(context.Background(), "cfn.yaml", src, cloudformation.Options{})
	want := map[string]string{
		"PublicSubnet": "true | 10:internet gateway Igw | 12:Attachment attaches Igw to its VPC | 21:route to the internet through the gateway" +
			" | 17:route table PublicTable | 33:PublicAssociation associates PublicSubnet with route table PublicTable",
		"MainSubnet": "false | 6:MainSubnet has no route table association: the main route table of Vpc applies",
	}
	cs, _ := Normalize(context.Background(), u)
	got := map[string]*graph.Value{}
	for _, c := range cs {
		if c.Kind == kindSubnet {
			got[c.ID] = c.Props.Get("public")
			if line := c.Props.Get("public").Loc.StartLine; line != c.Native.Loc.StartLine {
				t.Errorf("%s public is at line %d, want the subnet's line %d", c.ID, line, c.Native.Loc.StartLine)
			}
		}
	}
	delete(got, "OtherSubnet")
	checkPublic(t, got, want)
}
