package cloudformation

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"sync"

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
	// parsed is what deciding a Template parsed, for ParseDetected.
	parsed *parsedSource
}

// parsedSource is the parse of a template's text: its tree and what the
// parse reported. Detect parses a file to decide it is a template; the
// parse of the template starts from the same tree instead of parsing the
// same text again.
type parsedSource struct {
	path  string
	src   []byte
	root  *node
	diags graph.Diagnostics
}

// take returns the tree and diagnostics parsed from path's src, once: the
// tree belongs to the stack read from it afterwards. It returns false
// when nothing is kept for that text.
func (ps *parsedSource) take(path string, src []byte) (*node, graph.Diagnostics, bool) {
	if ps == nil || ps.root == nil || ps.path != path || !sameBytes(ps.src, src) {
		return nil, nil, false
	}
	root, diags := ps.root, ps.diags
	ps.root, ps.diags, ps.src = nil, nil, nil
	return root, diags, true
}

// sameBytes reports whether a and b are the same slice of memory, not
// merely equal text.
func sameBytes(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// templateMarker finds texts that only CloudFormation templates carry; a
// file that has one but does not parse is a broken template, not something
// else. Quoting and the space around the colon vary: AWS's documentation
// writes JSON as `"Type" : "AWS::EC2::VPC"`, and YAML may put the value on
// the next line.
var templateMarker = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`AWSTemplateFormatVersion|\bType["']?\s*:\s*["']?(?:AWS|Custom|Alexa)::`)
})

// rainDirective finds the directives of the Rain CLI's template
// preprocessor (!Rain::Module, !Rain::Embed, Fn::Rain::S3, ...). Such a file is
// Rain's source, not a template CloudFormation accepts: `rain pkg` turns it
// into one, and that output is what to scan.
var rainDirective = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?:!|Fn::|["'])Rain::[A-Z]`) })

// hasRainDirective reports whether src has a Rain directive. Every one
// contains "Rain::": looking for that literal first spares the regular
// expression, which has no literal prefix to search for and so steps
// through every byte of a template, nearly every file.
func hasRainDirective(src []byte) bool {
	return bytes.Contains(src, []byte("Rain::")) && rainDirective().Match(src)
}

func hasMarker(src []byte) bool {
	return templateMarker().Match(src)
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
		return DetectOversized(path, int64(len(src)), src[:64<<10])
	}
	if !bytes.Contains(src, []byte("AWSTemplateFormatVersion")) && !bytes.Contains(src, []byte("Resources")) {
		return Detection{Kind: NotTemplate, Reason: "no AWSTemplateFormatVersion or Resources section"}
	}
	if looksLikeJSON(path, src) {
		// Large JSON data files (an SDK's service models) mention
		// "Resources" too: valid JSON whose top level has no
		// AWSTemplateFormatVersion and no Resources map is decided without
		// building its tree, as detectParsed would decide it.
		shape, ok := scanJSONShape(bytes.TrimPrefix(src, []byte("\xef\xbb\xbf")))
		if ok && !shape.formatVersion && !shape.resourcesMap {
			if hasRainDirective(src) {
				return Detection{Kind: NotTemplate, Reason: rainReason}
			}
			return Detection{Kind: NotTemplate, Reason: noResourcesMap}
		}
	}
	return detectParsed(path, src)
}

// Reasons for a file that is not a template.
const (
	rainReason     = "a Rain source template (Rain:: directives are expanded by `rain pkg`, not by CloudFormation); scan the packaged output"
	noResourcesMap = "no Resources map"
)

// detectParsed is Detect's decision from the parsed text of a file that
// passed its cheap tests.
func detectParsed(path string, src []byte) Detection {
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
	if hasRainDirective(src) {
		return Detection{Kind: NotTemplate, Reason: rainReason}
	}
	template := Detection{Kind: Template, parsed: &parsedSource{path: path, src: src, root: root, diags: diags}}
	if root.get("AWSTemplateFormatVersion") != nil {
		return template
	}
	res := root.get("Resources")
	if res == nil || res.kind != nMap {
		return Detection{Kind: NotTemplate, Reason: noResourcesMap}
	}
	for _, body := range res.vals {
		if t, ok := body.get("Type").scalarString(); ok && isTemplateType(t) {
			return template
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

// templateSections are the top-level keys CloudFormation accepts (Globals is
// SAM's); it rejects a template with any other.
var templateSections = map[string]bool{
	"AWSTemplateFormatVersion": true, "Description": true, "Metadata": true,
	"Parameters": true, "Rules": true, "Mappings": true, "Conditions": true,
	"Transform": true, "Resources": true, "Outputs": true, "Hooks": true,
	"Globals": true,
}

// DetectOversized decides about a file larger than MaxFileSize from its
// first bytes, head: it cannot be analysed, and a gate must not pass a
// template nobody checked, so it is a broken template ("too large to
// analyse") unless its beginning shows it is clearly something else: not
// text, a top level that is not a map, or a first key that is no template
// section (an npm lock file, GeoJSON, Kubernetes manifests).
func DetectOversized(path string, size int64, head []byte) Detection {
	tooLarge := fmt.Sprintf("file is %d bytes, more than the %d MiB template limit", size, MaxFileSize>>20)
	if enc, _ := textenc.Detect(head); enc != textenc.UTF8 {
		head = head[:len(head)/4*4] // whole code units only
	}
	text, err := textenc.ToUTF8(head)
	if err != nil {
		return Detection{Kind: NotTemplate, Reason: tooLarge + " and not text"}
	}
	if other := notTemplateStart(path, text); other != "" {
		return Detection{Kind: NotTemplate, Reason: tooLarge + " and " + other}
	}
	// A start that says nothing, in a file with zero bytes (which text
	// never has), is binary data under a template's extension.
	if bytes.IndexByte(text, 0) >= 0 && firstKey(path, text) == "" {
		return Detection{Kind: NotTemplate, Reason: tooLarge + " and not text"}
	}
	return Detection{Kind: BrokenTemplate, Reason: tooLarge + ": too large to analyse"}
}

// notTemplateStart says why the beginning of a file shows it is not a
// template, or returns "" when it may be one.
func notTemplateStart(path string, text []byte) string {
	switch key := firstKey(path, text); {
	case key == "-":
		return "its top level is not a map"
	case key == "" || templateSections[key]:
		return ""
	default:
		return fmt.Sprintf("its first key %q is not a template section", key)
	}
}

// firstKey returns the first top-level key of a JSON object or YAML block
// mapping, "-" when the top level is something else, or "" when the start
// does not say.
func firstKey(path string, text []byte) string {
	if !looksLikeJSON(path, text) {
		return firstYAMLKey(text)
	}
	dec := json.NewDecoder(bytes.NewReader(text))
	tok, err := dec.Token()
	switch {
	case err != nil:
		return ""
	case tok != json.Delim('{'):
		return "-"
	}
	key, _ := dec.Token()
	s, _ := key.(string)
	return s
}

// firstYAMLKey returns the first top-level key of a block mapping, "-" for a
// top-level block sequence, or "" when the start does not say (a flow
// collection, an indented or complex key).
func firstYAMLKey(text []byte) string {
	for line := range bytes.Lines(text) {
		line = bytes.TrimRight(line, " \t\r\n")
		switch {
		case len(line) == 0, line[0] == '#', line[0] == '%', bytes.Equal(line, []byte("---")):
			continue
		case line[0] == '-' && (len(line) == 1 || line[1] == ' '):
			return "-"
		case line[0] == ' ', line[0] == '\t', line[0] == '{', line[0] == '[', line[0] == '?':
			return ""
		}
		colon := bytes.Index(line, []byte(":"))
		if colon <= 0 {
			return ""
		}
		return strings.Trim(strings.TrimSpace(string(line[:colon])), `"'`)
	}
	return ""
}
