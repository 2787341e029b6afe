//go:build cfnschema

package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
)

// sources says where the provider schemas and the SAM specification are,
// and which versions they are.
type sources struct {
	cfnlintDir, cfnlintVersion string
	samFile, samVersion        string
	samSpec                    map[string]any
}

// resolve fills what the flags left empty by asking python3.
func (s *sources) resolve() error {
	var err error
	if s.cfnlintDir == "" {
		if s.cfnlintDir, err = python(`import cfnlint, os; print(os.path.join(os.path.dirname(cfnlint.__file__), "data", "schemas"))`); err != nil {
			return err
		}
	}
	if s.cfnlintVersion == "" {
		if s.cfnlintVersion, err = python(`from cfnlint.version import __version__; print(__version__)`); err != nil {
			return err
		}
	}
	if s.samVersion == "" {
		if s.samVersion, err = python(`import samtranslator; print(samtranslator.__version__)`); err != nil {
			return err
		}
	}
	var spec []byte
	if s.samFile != "" {
		if spec, err = os.ReadFile(s.samFile); err != nil {
			return fmt.Errorf("read SAM specification: %w", err)
		}
	} else {
		// samtranslator keeps the specification as pydantic models and
		// writes the JSON schema from them on demand.
		out, err := python(`import json
from samtranslator.internal.schema_source.schema import SamModel, get_schema
print(json.dumps(get_schema(SamModel)))`)
		if err != nil {
			return err
		}
		spec = []byte(out)
	}
	if err := json.Unmarshal(spec, &s.samSpec); err != nil {
		return fmt.Errorf("parse SAM specification: %w", err)
	}
	return nil
}

func python(program string) (string, error) {
	var stderr bytes.Buffer
	cmd := exec.Command("python3", "-c", program)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("python3: %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	return strings.TrimSpace(string(out)), nil
}

// providerEntry matches `"AWS::S3::Bucket": "0123abcd...",` in a region file.
var providerEntry = regexp.MustCompile(`(?m)^\s*"([A-Za-z0-9]+(?:::[A-Za-z0-9]+){2,})":\s*"([0-9a-f]+)",?\s*$`)

// providerResources reads every region's type → schema mapping under dir
// (cfn-lint's data/schemas) and returns each type's properties, unioned over
// the schema versions the regions use.
func providerResources(dir string) (map[string]*shape, int, error) {
	files, err := filepath.Glob(filepath.Join(dir, "providers", "*.py"))
	if err != nil {
		return nil, 0, err
	}
	hashes := map[string]map[string]bool{} // type -> schema hashes
	regions := 0
	for _, f := range files {
		if filepath.Base(f) == "__init__.py" {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, 0, fmt.Errorf("read region file: %w", err)
		}
		matches := providerEntry.FindAllSubmatch(data, -1)
		if len(matches) == 0 {
			continue
		}
		regions++
		for _, m := range matches {
			name, hash := string(m[1]), string(m[2])
			if hashes[name] == nil {
				hashes[name] = map[string]bool{}
			}
			hashes[name][hash] = true
		}
	}
	if regions == 0 {
		return nil, 0, fmt.Errorf("no region files under %s", filepath.Join(dir, "providers"))
	}
	out := map[string]*shape{}
	for _, name := range sortedKeys(hashes) {
		var root *shape
		m := newMerger()
		for _, h := range sortedNames(hashes[name]) {
			doc, err := readJSON(filepath.Join(dir, "resources", h+".json"))
			if err != nil {
				return nil, 0, fmt.Errorf("%s: %w", name, err)
			}
			r := newConverter(doc, func(def string) string { return def }).root(doc)
			if root == nil {
				root = r
			} else {
				root = m.shapes(root, r, "")
			}
		}
		out[name] = root
	}
	return out, regions, nil
}

// samResources returns the properties of each AWS::Serverless::* type in
// the SAM specification.
func samResources(spec map[string]any) (map[string]*shape, error) {
	defs, _ := spec["definitions"].(map[string]any)
	// Definitions are named module__Name; inside a resource the Name suffices.
	c := newConverter(spec, func(def string) string {
		if i := strings.LastIndex(def, "__"); i >= 0 {
			return def[i+2:]
		}
		return def
	})
	out := map[string]*shape{}
	for _, defName := range sortedKeys(defs) {
		// One resource's definition is module__Resource, such as
		// samtranslator__internal__schema_source__aws_serverless_function__Resource.
		if !strings.HasSuffix(defName, "__Resource") {
			continue
		}
		def, _ := defs[defName].(map[string]any)
		props, _ := def["properties"].(map[string]any)
		typ, _ := props["Type"].(map[string]any)
		enum, _ := typ["enum"].([]any)
		if len(enum) != 1 {
			continue // the catch-all for resources that are not SAM's
		}
		name, _ := enum[0].(string)
		propsSchema, _ := props["Properties"].(map[string]any)
		ref, _ := propsSchema["$ref"].(string)
		target, ok := defs[strings.TrimPrefix(ref, "#/definitions/")].(map[string]any)
		if !strings.HasPrefix(name, "AWS::Serverless::") || !ok {
			return nil, fmt.Errorf("SAM specification: unexpected resource definition %s", defName)
		}
		out[name] = c.root(target)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("SAM specification: no AWS::Serverless:: resource definitions")
	}
	return out, nil
}

func readJSON(path string) (map[string]any, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("parse %s: %w", path, err)
	}
	return doc, nil
}
