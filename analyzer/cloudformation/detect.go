package cloudformation

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/textenc"
	yaml "go.yaml.in/yaml/v3"
)

// DetectionKind classifies a YAML/JSON file.
type DetectionKind int

const (
	// NotTemplate is a YAML/JSON file that is not a CloudFormation template.
	NotTemplate DetectionKind = iota
	// Template is a CloudFormation template.
	Template
	// BrokenTemplate is a file that looks like a template but does not parse.
	BrokenTemplate
)

func (k DetectionKind) String() string {
	switch k {
	case Template:
		return "template"
	case BrokenTemplate:
		return "broken template"
	default:
		return "not a template"
	}
}

// Detection is the verdict of Detect.
type Detection struct {
	Kind DetectionKind
	// Reason says why a file is not a template, or the parse error of a
	// broken one.
	Reason string
}

// templateMarker finds texts that only CloudFormation templates carry; a
// file that has one but does not parse is a broken template, not something
// else. Quoting and the space around the colon vary: AWS's documentation
// writes JSON as `"Type" : "AWS::EC2::VPC"`, and YAML may put the value on
// the next line.
var templateMarker = regexp.MustCompile(`AWSTemplateFormatVersion|\bType["']?\s*:\s*["']?(?:AWS|Custom|Alexa)::`)

// rainDirective finds the directives of the Rain CLI's template
// preprocessor (!Rain::Module, !Rain::Embed, Fn::Rain::S3, ...). Such a file is
// Rain's source, not a template CloudFormation accepts: `rain pkg` turns it
// into one, and that output is what to scan.
var rainDirective = regexp.MustCompile(`(?:!|Fn::|["'])Rain::[A-Z]`)

func hasMarker(src []byte) bool {
	return templateMarker.Match(src)
}

// Detect decides, from content alone, whether a .yaml/.yml/.json/.template
// file is a CloudFormation template: it has AWSTemplateFormatVersion, or a
// Resources map whose entries have a Type of the form AWS::*, Custom::* or
// Org::Service::Type. Files without either word are rejected before any
// parsing, which keeps detection cheap for the many YAML/JSON files of a
// repository.
func Detect(path string, src []byte) Detection {
	text, err := textenc.ToUTF8(src)
	if err != nil {
		// A byte order mark says the file is text, meant to be read.
		if _, bom := textenc.Detect(src); bom > 0 {
			return Detection{Kind: BrokenTemplate, Reason: "cannot decode the file: " + err.Error()}
		}
		return Detection{Kind: NotTemplate, Reason: "not text: " + err.Error()}
	}
	src = text
	if len(src) > MaxFileSize {
		if hasMarker(src[:4096]) {
			return Detection{Kind: BrokenTemplate, Reason: "file is larger than the 10 MiB limit"}
		}
		return Detection{Kind: NotTemplate, Reason: "file is larger than the 10 MiB limit"}
	}
	if !bytes.Contains(src, []byte("AWSTemplateFormatVersion")) && !bytes.Contains(src, []byte("Resources")) {
		return Detection{Kind: NotTemplate, Reason: "no AWSTemplateFormatVersion or Resources section"}
	}
	// A duplicated key is an error Parse reports, but the file is still
	// read (with the last value, as CloudFormation does): only a file that
	// does not parse is broken.
	var diags graph.Diagnostics
	root := parseSource(path, src, &diags)
	if root == nil {
		reason := "does not parse"
		for _, d := range diags {
			if d.Severity == graph.SeverityError {
				reason = d.Error()
				break
			}
		}
		if hasMarker(src) || (!looksLikeJSON(path, src) && someYAMLDocumentIsTemplate(src)) {
			return Detection{Kind: BrokenTemplate, Reason: reason}
		}
		return Detection{Kind: NotTemplate, Reason: reason}
	}
	if root.kind != nMap {
		return Detection{Kind: NotTemplate, Reason: "top level is not a map"}
	}
	if rainDirective.Match(src) {
		return Detection{Kind: NotTemplate, Reason: "a Rain source template (Rain:: directives are expanded by `rain pkg`, not by CloudFormation); scan the packaged output"}
	}
	if root.get("AWSTemplateFormatVersion") != nil {
		return Detection{Kind: Template}
	}
	res := root.get("Resources")
	if res == nil || res.kind != nMap {
		return Detection{Kind: NotTemplate, Reason: "no Resources map"}
	}
	for _, body := range res.vals {
		if t, ok := body.get("Type").scalarString(); ok && isTemplateType(t) {
			return Detection{Kind: Template}
		}
	}
	return Detection{Kind: NotTemplate, Reason: "no resource in Resources has an AWS::, Custom:: or Org::Service::Type type"}
}

// isTemplateType reports whether t has the shape of a CloudFormation
// resource type.
func isTemplateType(t string) bool {
	if strings.HasPrefix(t, "AWS::") || strings.HasPrefix(t, "Custom::") || strings.HasPrefix(t, "Alexa::") {
		return true
	}
	parts := strings.Split(t, "::")
	if len(parts) < 3 {
		return false
	}
	for _, p := range parts {
		if p == "" {
			return false
		}
	}
	return true
}

// someYAMLDocumentIsTemplate reports whether a document of a YAML stream has
// the shape of a template: AWSTemplateFormatVersion, or a Resources map with
// an entry whose Type is a resource type. It tells a template that is one
// document of several (which CloudFormation rejects) from a stream of
// Kubernetes manifests, which is no template at all.
func someYAMLDocumentIsTemplate(src []byte) bool {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	for {
		var doc yaml.Node
		if err := dec.Decode(&doc); err != nil {
			return false // io.EOF, or a syntax error ending the stream
		}
		if len(doc.Content) > 0 && yamlTemplateShape(doc.Content[0]) {
			return true
		}
	}
}

// yamlTemplateShape applies the shape test of Detect to a yaml.Node.
func yamlTemplateShape(top *yaml.Node) bool {
	if top.Kind != yaml.MappingNode {
		return false
	}
	for i := 0; i+1 < len(top.Content); i += 2 {
		switch key, val := top.Content[i].Value, top.Content[i+1]; {
		case key == "AWSTemplateFormatVersion":
			return true
		case key == "Resources" && val.Kind == yaml.MappingNode:
			for j := 1; j < len(val.Content); j += 2 {
				if yamlResourceTyped(val.Content[j]) {
					return true
				}
			}
		}
	}
	return false
}

// yamlResourceTyped reports whether a resource body has a template Type.
func yamlResourceTyped(body *yaml.Node) bool {
	if body.Kind != yaml.MappingNode {
		return false
	}
	for i := 0; i+1 < len(body.Content); i += 2 {
		if body.Content[i].Value == "Type" && body.Content[i+1].Kind == yaml.ScalarNode {
			return isTemplateType(body.Content[i+1].Value)
		}
	}
	return false
}
