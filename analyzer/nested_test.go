package analyzer

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/cloudformation"
	"github.com/rampart-iac/rampart/analyzer/result"
)

// TestNestedStacksBeyondTheDepthLimit: a chain of nested stacks deeper than
// the limit listed the templates below it as scanned, as nested stacks of
// templates whose analysis was dropped. Each is listed under the template
// that includes it, as not analysed, and the depth error names the chain.
func TestNestedStacksBeyondTheDepthLimit(t *testing.T) {
	const n = cloudformation.MaxStackDepth + 4 // t0 ... t20
	files := map[string]string{}
	for i := range n {
		files[fmt.Sprintf("t%d.yaml", i)] = fmt.Sprintf("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n"+
			"  B:\n    Type: AWS::S3::Bucket\n  Child:\n    Type: AWS::CloudFormation::Stack\n"+
			"    Properties:\n      TemplateURL: ./t%d.yaml\n", i+1)
	}
	files[fmt.Sprintf("t%d.yaml", n)] = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  B:\n    Type: AWS::S3::Bucket\n"
	dir := writeFiles(t, files)
	res, err := Scan(context.Background(), Options{Paths: []string{dir}, Root: dir})
	if err != nil {
		t.Fatal(err)
	}
	last := cloudformation.MaxStackDepth // the deepest template analysed
	chain := make([]string, 0, last+2)
	for i := range last + 2 {
		chain = append(chain, filepath.Join(dir, fmt.Sprintf("t%d.yaml", i)))
	}
	depthError := "nested stacks nest deeper than 16 levels: " + strings.Join(chain, " → ")
	want := map[string]struct {
		status result.FileStatus
		reason string
	}{
		"t0.yaml":  {result.FileFailed, depthError},
		"t1.yaml":  {result.FileScanned, "analysed as a nested stack of " + chain[0]},
		"t15.yaml": {result.FileScanned, "analysed as a nested stack of " + chain[0]},
		"t16.yaml": {result.FileFailed, depthError}, // the error is at its TemplateURL
		"t17.yaml": {result.FileFailed, "not analysed (a nested stack of " + chain[last] + "): " + depthError},
		"t18.yaml": {result.FileFailed, "not analysed (a nested stack of " + chain[last+1] + ", which is not analysed)"},
		"t20.yaml": {result.FileFailed, "not analysed (a nested stack of " + filepath.Join(dir, "t19.yaml") + ", which is not analysed)"},
	}
	for _, f := range res.Files {
		w, ok := want[filepath.Base(f.Path)]
		if !ok {
			continue
		}
		if f.Status != w.status || !strings.HasSuffix(f.Reason, w.reason) {
			t.Errorf("%s: %s (%s)\nwant %s (%s)", filepath.Base(f.Path), f.Status, f.Reason, w.status, w.reason)
		}
	}
	if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Summary, depthError) {
		t.Errorf("errors: %+v", res.Errors)
	}
}

// Scanning only the top-level template, the first template below the limit
// is still listed, as not analysed.
func TestNestedStacksBeyondTheDepthLimitFromTheTopTemplate(t *testing.T) {
	const n = cloudformation.MaxStackDepth + 2
	files := map[string]string{}
	for i := range n {
		files[fmt.Sprintf("t%d.yaml", i)] = fmt.Sprintf("Resources:\n  Child:\n    Type: AWS::CloudFormation::Stack\n"+
			"    Properties:\n      TemplateURL: ./t%d.yaml\n", i+1)
	}
	files[fmt.Sprintf("t%d.yaml", n)] = "Resources:\n  B:\n    Type: AWS::S3::Bucket\n"
	dir := writeFiles(t, files)
	top := filepath.Join(dir, "t0.yaml")
	res, err := Scan(context.Background(), Options{Paths: []string{top}, Root: dir})
	if err != nil {
		t.Fatal(err)
	}
	below := filepath.Join(dir, fmt.Sprintf("t%d.yaml", cloudformation.MaxStackDepth+1))
	parent := filepath.Join(dir, fmt.Sprintf("t%d.yaml", cloudformation.MaxStackDepth))
	for _, f := range res.Files {
		if f.Path == below {
			if f.Status != result.FileFailed || !strings.HasPrefix(f.Reason, "not analysed (a nested stack of "+parent+"): nested stacks nest deeper") {
				t.Errorf("%s: %s (%s)", f.Path, f.Status, f.Reason)
			}
			return
		}
	}
	t.Errorf("%s is not listed: %+v", below, res.Files)
}
