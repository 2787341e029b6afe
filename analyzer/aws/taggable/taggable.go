// Package taggable says which native resource types take tags, and where
// a resource of such a type keeps them. Nothing here is a hand list: the
// CloudFormation answer comes from the front-end's schema table (a type
// with a Tags property, analyzer/cloudformation/schema.txt), the Terraform
// one from terraform.txt, generated from the AWS provider's source by
// internal/tftaggable.
package taggable

//go:generate go run -tags tftaggable ../../../internal/tftaggable -version v1.60.1-0.20260602190131-5f2286d6d836 -o terraform.txt

import (
	_ "embed"
	"strings"
	"sync"

	"github.com/rampart-iac/rampart/analyzer/cloudformation"
)

// Tags says where a resource type keeps its tags.
type Tags struct {
	// Attribute is the native argument or property holding them: Tags,
	// tags, or tag (aws_autoscaling_group's blocks).
	Attribute string
	// KeyField names the key of each element when the tags are a list
	// ({Key, Value} in CloudFormation, tag blocks {key, value} in
	// Terraform); "" when they are a map of key to value.
	KeyField string
	// DefaultTags: the Terraform provider merges its default_tags under
	// the resource's own tags.
	DefaultTags bool
}

// CloudFormation returns where resources of a CloudFormation type keep
// their tags; false when the type takes no tags (or the schema table does
// not know it).
func CloudFormation(typ string) (Tags, bool) {
	switch cloudformation.TagsShape(typ) {
	case cloudformation.TagsList:
		return Tags{Attribute: "Tags", KeyField: "Key"}, true
	case cloudformation.TagsMap:
		return Tags{Attribute: "Tags"}, true
	}
	return Tags{}, false
}

// Terraform returns where resources of a Terraform AWS provider type keep
// their tags; false when the type takes no tags.
func Terraform(typ string) (Tags, bool) {
	t, ok := loadTerraform()[typ]
	return t, ok
}

//go:embed terraform.txt
var terraformTable string

// loadTerraform parses the table once per process, the first time a scan
// asks (only scans that check tags do).
var loadTerraform = sync.OnceValue(func() map[string]Tags { return parseTerraform(terraformTable) })

// parseTerraform reads internal/tftaggable's format: '#' lines, then
// "<type> <attribute> [default_tags]" per line.
func parseTerraform(text string) map[string]Tags {
	out := make(map[string]Tags, strings.Count(text, "\n"))
	for line := range strings.Lines(text) {
		f := strings.Fields(line)
		if len(f) < 2 || strings.HasPrefix(f[0], "#") {
			continue
		}
		t := Tags{Attribute: f[1], DefaultTags: len(f) > 2 && f[2] == "default_tags"}
		if t.Attribute == "tag" {
			t.KeyField = "key"
		}
		out[f[0]] = t
	}
	return out
}
