package report

import (
	"encoding/binary"
	"slices"
	"testing"
	"unicode/utf16"
)

// A template saved in UTF-16 (as Windows PowerShell saves text) is
// analysed; its snippets show its text, not its bytes.
func TestSourceLinesOfUTF16File(t *testing.T) {
	const text = "Resources:\r\n  SG:\r\n    Type: AWS::EC2::SecurityGroup\r\n"
	src := binary.LittleEndian.AppendUint16(nil, 0xFEFF)
	for _, u := range utf16.Encode([]rune(text)) {
		src = binary.LittleEndian.AppendUint16(src, u)
	}
	c := newSourceCache("", nil, func(string) ([]byte, error) { return src, nil })
	want := []string{"Resources:", "  SG:", "    Type: AWS::EC2::SecurityGroup"}
	if got := c.lines("t.yaml"); !slices.Equal(got, want) {
		t.Errorf("lines = %q, want %q", got, want)
	}
}
