package cloudformation

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// TestCancelledParseStopsInForEach checks that a cancelled scan stops an
// Fn::ForEach expansion (up to MaxForEachExpansions copies) instead of
// finishing it, and says so.
func TestCancelledParseStopsInForEach(t *testing.T) {
	src := `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::LanguageExtensions
Resources:
  Fn::ForEach::Groups:
    - Name
    - [A, B, C]
    - SG${Name}:
        Type: AWS::EC2::SecurityGroup
        Properties:
          GroupDescription: x
`
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	u := Parse(ctx, "t.yaml", []byte(src), Options{})
	if len(u.Resources) != 0 {
		t.Errorf("a cancelled parse expanded %d resources", len(u.Resources))
	}
	// Stopped in the loop: at its first collection element, line 6.
	if len(u.Diagnostics) != 1 || !strings.Contains(fmt.Sprint(u.Diagnostics), "context canceled") || u.Diagnostics[0].Location.StartLine != 6 {
		t.Errorf("diagnostics = %v, want the parse reported as stopped at line 6", u.Diagnostics)
	}
	if u := Parse(context.Background(), "t.yaml", []byte(src), Options{}); len(u.Resources) != 3 || u.Diagnostics.HasErrors() {
		t.Errorf("uncancelled: %d resources, %v", len(u.Resources), u.Diagnostics)
	}
}
