package aws

import (
	"context"
	"os"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/cloudformation"
	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/terraform"
)

// launchProps renders property paths ("<id> <path>") of the canonical
// resources of a unit, with reasons and traces (render).
func launchProps(t *testing.T, u *graph.Unit, want map[string]string) {
	t.Helper()
	cs, _ := Normalize(context.Background(), u)
	byID := map[string]*graph.Canonical{}
	for _, c := range cs {
		if c.Kind == kindInstance || c.Kind == kindLaunchTemplate || c.Kind == kindVolume {
			byID[c.ID] = c
		}
	}
	for key, w := range want {
		var id, path string
		for i := range key {
			if key[i] == ' ' {
				id, path = key[:i], key[i+1:]
				break
			}
		}
		c := byID[id]
		if c == nil {
			t.Errorf("%s: no canonical resource", id)
			continue
		}
		v := c.Props.At(parse(t, path))
		if v == nil {
			t.Errorf("%s: no value", key)
			continue
		}
		got := render(v)
		if !v.IsUnknown() {
			got = itoa(v.Loc.StartLine) + ":" + got
		}
		if got != w {
			t.Errorf("%s =\n  %s\nwant\n  %s", key, got, w)
		}
	}
}

func TestLaunchSettingsTerraform(t *testing.T) {
	units := terraform.LoadModules(context.Background(), []string{"testdata/launch/tf"}, terraform.Options{Root: "testdata"})
	if len(units) != 1 || units[0].Diagnostics.HasErrors() {
		t.Fatalf("units = %d, diagnostics %v", len(units), units)
	}
	launchProps(t, units[0], map[string]string{
		// The subnet decides, unless the instance says.
		"aws_instance.in_public public_ip":  "54:true | 8:subnet aws_subnet.public gives every instance launched in it a public IPv4 address",
		"aws_instance.opted_out public_ip":  "60:false",
		"aws_instance.in_private public_ip": "65:false | 11:subnet aws_subnet.private does not map public IPs on launch",
		"aws_instance.elsewhere public_ip":  "(unknown) the launch template is outside the scan, and it may set a public IP association",
		// A template of the scan supplies what the instance does not set,
		// located at the instance's launch_template.
		"aws_instance.from_template http_tokens":                `70:"required" | 20:set by launch template aws_launch_template.app`,
		"aws_instance.from_template image_id":                   `70:"ami-0123456789abcdef0" | 18:set by launch template aws_launch_template.app`,
		"aws_instance.from_template block_devices[0].encrypted": "70:false | 28:declared by launch template aws_launch_template.app",
		"aws_instance.from_template block_devices[0].root":      "70:true | 26:declared by launch template aws_launch_template.app",
		"aws_instance.from_template instance_profile":           "(unknown) variable profile has no value | 1:variable profile | 23:set by launch template aws_launch_template.app",
		"aws_instance.by_name http_tokens":                      `81:"optional"`,
		"aws_instance.by_name image_id":                         `76:"ami-0123456789abcdef0" | 18:set by launch template aws_launch_template.app`,
		"aws_instance.old_version http_tokens":                  "(unknown) version 3 of launch template aws_launch_template.app may hold other settings than the scan declares, and it may set the metadata options",
		"aws_instance.in_public http_tokens":                    `52:"required" | 105:aws_ec2_instance_metadata_defaults.imdsv2 sets the region's default for new instances`,
		"aws_instance.in_public block_devices[0].implied":       "52:true",
		"aws_instance.in_public block_devices[0].encrypted":     "52:true | 3:aws_ebs_encryption_by_default.on turns on EBS encryption by default: new volumes are encrypted",
		"aws_instance.bastion public_ip":                        "114:true | 113:Elastic IP aws_eip.bastion is associated with aws_instance.bastion",
		"aws_ebs_volume.data encrypted":                         "99:true | 3:aws_ebs_encryption_by_default.on turns on EBS encryption by default: new volumes are encrypted",
		"aws_launch_template.nodes instance_profile":            "33:true | 37:aws_eks_node_group.nodes launches the template's instances with a role of its own",
		"aws_launch_template.app instance_profile":              "(unknown) variable profile has no value | 1:variable profile",
	})
}

func TestLaunchSettingsCloudFormation(t *testing.T) {
	src, err := os.ReadFile("testdata/launch/cfn.yaml")
	if err != nil {
		t.Fatal(err)
	}
	u := cloudformation.Parse(context.Background(), "cfn.yaml", src, cloudformation.Options{})
	if u.Diagnostics.HasErrors() {
		t.Fatalf("diagnostics: %v", u.Diagnostics)
	}
	launchProps(t, u, map[string]string{
		"Template associate_public_ip":            "15:true",
		"FromTemplate public_ip":                  "25:true | 15:set by launch template Template",
		"FromTemplate block_devices[0].implied":   "21:true",
		"FromTemplate block_devices[1].encrypted": "25:true | 20:declared by launch template Template",
		"InPublic public_ip":                      "31:true | 8:subnet PublicSubnet gives every instance launched in it a public IPv4 address",
		"InPublic instance_profile":               "32:true",
		"InPublic block_devices[0].encrypted":     "27:false",
		"InPublic http_tokens":                    `27:"optional"`,
		"Nat public_ip":                           "50:true | 47:Elastic IP NatAddress is associated with Nat",
		"Data encrypted":                          "37:false",
	})
}
