package aws

import (
	"context"
	"flag"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/cloudformation"
	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/terraform"
)

// flatProps renders the properties of the unit's canonical resources of
// the network kinds as "id path=value" lines, an Unknown as "?reason" and
// a reference as "->resource".
func flatProps(u *graph.Unit) []string {
	cs, _ := Normalize(context.Background(), u)
	var out []string
	for _, c := range cs {
		switch c.Kind {
		case kindVPC, kindNetworkACL, kindRouteTable, kindInternetGateway, kindSubnet:
		default:
			continue
		}
		c.Props.Walk(func(p graph.Path, v *graph.Value) bool {
			var s string
			switch {
			case v.IsUnknown() && v.Ref != nil:
				s = "->" + v.Ref.Resource
			case v.IsUnknown():
				s = "?" + v.Reason
			case v.Kind == graph.KindMap || v.Kind == graph.KindList:
				if len(v.List) == 0 && len(v.Keys) == 0 {
					s = "[]"
				} else {
					return true
				}
			default:
				s = v.GoString()
			}
			if key := p.String(); !strings.Contains(key, "origin") && !strings.HasSuffix(key, "representative") {
				out = append(out, c.ID+" "+key+"="+s)
			}
			return true
		})
	}
	sort.Strings(out)
	return out
}

var updateNetwork = flag.Bool("update-network", false, "rewrite testdata/network/*.golden")

// checkFlat compares the rendered properties with a golden file, one
// "id path=value" line each.
func checkFlat(t *testing.T, got []string, golden string) {
	t.Helper()
	g := strings.Join(got, "\n") + "\n"
	if *updateNetwork {
		if err := os.WriteFile(golden, []byte(g), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	w, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if g != string(w) {
		t.Errorf("properties differ from %s (go test -run TestNetworkKinds -update-network rewrites it)\n got:\n%s\nwant:\n%s", golden, g, w)
	}
}

func TestNetworkKindsTerraform(t *testing.T) {
	units := terraform.LoadModules(context.Background(), []string{"testdata/network/tf"}, terraform.Options{Root: "testdata"})
	if len(units) != 1 || units[0].Diagnostics.HasErrors() {
		t.Fatalf("units = %d, diagnostics %v", len(units), units)
	}
	checkFlat(t, flatProps(units[0]), "testdata/network/tf.golden")
	_, diags := Normalize(context.Background(), units[0])
	var summaries []string
	for _, d := range diags {
		summaries = append(summaries, d.Severity.String()+": "+d.Summary)
	}
	all := strings.Join(summaries, "\n")
	for _, want := range []string{
		"warning: aws_network_acl_rule.contested adds an ingress entry to aws_network_acl.inline, which declares its ingress entries itself",
		`note: aws_network_acl_rule.external is not folded into a resource of the scan: its owner "acl-0123456789abcdef0" is outside the scan`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("diagnostics lack %q:\n%s", want, all)
		}
	}
}

func TestNetworkKindsCloudFormation(t *testing.T) {
	src, err := os.ReadFile("testdata/network/cfn.yaml")
	if err != nil {
		t.Fatal(err)
	}
	u := cloudformation.Parse(context.Background(), "cfn.yaml", src, cloudformation.Options{})
	if u.Diagnostics.HasErrors() {
		t.Fatalf("diagnostics: %v", u.Diagnostics)
	}
	checkFlat(t, flatProps(u), "testdata/network/cfn.golden")
}

// TestNetworkKindsMalformedValues: a list or a map where the frameworks
// take one value, and resources without properties, map to Unknown values
// with the reason, never to a value a rule would read.
func TestNetworkKindsMalformedValues(t *testing.T) {
	src, err := os.ReadFile("testdata/network/malformed.yaml")
	if err != nil {
		t.Fatal(err)
	}
	u := cloudformation.Parse(context.Background(), "malformed.yaml", src, cloudformation.Options{})
	checkFlat(t, flatProps(u), "testdata/network/malformed.golden")
}
