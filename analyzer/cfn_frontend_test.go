package analyzer

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/result"
)

// A duplicated key is an error, but CloudFormation deploys the last value,
// so a rule still has to see it: the file is failed and the finding on the
// last CidrIp is reported.
func TestDuplicateKeyIsAnalysedWithTheLastValue(t *testing.T) {
	for _, name := range []string{"duplicate-cidr.yaml", "duplicate-cidr.json"} {
		t.Run(name, func(t *testing.T) {
			dir := "../testdata/cloudformation/scan"
			path := filepath.Join(dir, name)
			res, err := Scan(context.Background(), Options{Paths: []string{path}, Root: dir, Rules: []string{"AWS-SG-002"}})
			if err != nil {
				t.Fatal(err)
			}
			wantLine := 12
			if strings.HasSuffix(name, ".json") {
				wantLine = 14
			}
			if len(res.Findings) != 1 || res.Findings[0].Location.StartLine != wantLine {
				t.Fatalf("findings %+v; want AWS-SG-002 at line %d", res.Findings, wantLine)
			}
			if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Summary, `duplicate mapping key "CidrIp"`) {
				t.Errorf("errors %v; want the duplicate key", res.Errors)
			}
			if len(res.Files) != 1 || res.Files[0].Status != result.FileFailed {
				t.Errorf("files %+v; want the template failed", res.Files)
			}
		})
	}
}
