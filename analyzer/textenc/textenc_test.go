package textenc

import (
	"encoding/binary"
	"errors"
	"testing"
	"unicode/utf16"
)

// encode16 writes s as UTF-16 in the given byte order, with a BOM or not.
func encode16(s string, order binary.AppendByteOrder, bom bool) []byte {
	units := utf16.Encode([]rune(s))
	if bom {
		units = append([]uint16{0xFEFF}, units...)
	}
	out := make([]byte, 0, 2*len(units))
	for _, u := range units {
		out = order.AppendUint16(out, u)
	}
	return out
}

// encode32 writes s as UTF-32 in the given byte order, with a BOM or not.
func encode32(s string, order binary.AppendByteOrder, bom bool) []byte {
	var out []byte
	if bom {
		out = order.AppendUint32(out, 0xFEFF)
	}
	for _, r := range s {
		out = order.AppendUint32(out, uint32(r))
	}
	return out
}

func TestToUTF8(t *testing.T) {
	const text = "AWSTemplateFormatVersion: '2010-09-09'\nDescription: café 😀\n"
	tests := []struct {
		name string
		src  []byte
		enc  Encoding
	}{
		{"plain UTF-8", []byte(text), UTF8},
		{"UTF-8 with BOM", append([]byte("\xef\xbb\xbf"), text...), UTF8},
		{"UTF-16LE with BOM", encode16(text, binary.LittleEndian, true), UTF16LE},
		{"UTF-16BE with BOM", encode16(text, binary.BigEndian, true), UTF16BE},
		{"UTF-16LE without BOM", encode16(text, binary.LittleEndian, false), UTF16LE},
		{"UTF-16BE without BOM", encode16(text, binary.BigEndian, false), UTF16BE},
		{"UTF-32LE with BOM", encode32(text, binary.LittleEndian, true), UTF32LE},
		{"UTF-32BE without BOM", encode32(text, binary.BigEndian, false), UTF32BE},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if enc, _ := Detect(tt.src); enc != tt.enc {
				t.Errorf("Detect = %s, want %s", enc, tt.enc)
			}
			got, err := ToUTF8(tt.src)
			if err != nil {
				t.Fatalf("ToUTF8: %v", err)
			}
			if string(got) != text {
				t.Errorf("ToUTF8 = %q, want %q", got, text)
			}
		})
	}
}

func TestToUTF8Errors(t *testing.T) {
	tests := []struct {
		name string
		src  []byte
	}{
		{"UTF-16 with a dangling byte", append(encode16("{}", binary.LittleEndian, true), 'x')},
		{"UTF-32 cut short", encode32("{}", binary.BigEndian, true)[:7]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := ToUTF8(tt.src); !errors.Is(err, ErrOddLength) {
				t.Errorf("ToUTF8 error = %v, want %v", err, ErrOddLength)
			}
		})
	}
}

func TestToUTF8ShortInput(t *testing.T) {
	for _, src := range [][]byte{nil, {}, []byte("{"), []byte("a: 1")} {
		got, err := ToUTF8(src)
		if err != nil || string(got) != string(src) {
			t.Errorf("ToUTF8(%q) = %q, %v; want it unchanged", src, got, err)
		}
	}
}
