// Package textenc turns the text of a template, plan or configuration file
// into UTF-8, whatever Unicode encoding it was saved in.
//
// Windows PowerShell 5 writes UTF-16 with a byte order mark by default
// (`Out-File`, `>`), and editors add a UTF-8 byte order mark; CloudFormation
// and Terraform read such files, so a scan must read them too rather than
// pass them over as "not a template". The encoding is found as YAML 1.2
// (section 5.2) and JSON (RFC 4627) find it: from the byte order mark, or,
// without one, from where the zero bytes of the first character fall, since
// that character is ASCII in every template and plan.
package textenc

import (
	"errors"
	"fmt"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
)

// Encoding names a Unicode encoding form.
type Encoding string

// The encodings ToUTF8 recognises.
const (
	UTF8    Encoding = "UTF-8"
	UTF16LE Encoding = "UTF-16LE"
	UTF16BE Encoding = "UTF-16BE"
	UTF32LE Encoding = "UTF-32LE"
	UTF32BE Encoding = "UTF-32BE"
)

// Detect names the encoding of src and the length of its byte order mark
// (0 when it has none).
func Detect(src []byte) (Encoding, int) {
	has := func(prefix ...byte) bool {
		if len(src) < len(prefix) {
			return false
		}
		for i, b := range prefix {
			if src[i] != b {
				return false
			}
		}
		return true
	}
	switch {
	case has(0x00, 0x00, 0xFE, 0xFF):
		return UTF32BE, 4
	case has(0xFF, 0xFE, 0x00, 0x00):
		return UTF32LE, 4
	case has(0xFE, 0xFF):
		return UTF16BE, 2
	case has(0xFF, 0xFE):
		return UTF16LE, 2
	case has(0xEF, 0xBB, 0xBF):
		return UTF8, 3
	}
	// No byte order mark: the first character is ASCII, so its zero bytes
	// give the form away. UTF-8 text never starts with a zero byte.
	if len(src) >= 4 {
		switch {
		case src[0] == 0 && src[1] == 0 && src[2] == 0 && src[3] != 0:
			return UTF32BE, 0
		case src[0] != 0 && src[1] == 0 && src[2] == 0 && src[3] == 0:
			return UTF32LE, 0
		}
	}
	if len(src) >= 2 {
		switch {
		case src[0] == 0 && src[1] != 0:
			return UTF16BE, 0
		case src[0] != 0 && src[1] == 0:
			return UTF16LE, 0
		}
	}
	return UTF8, 0
}

// ErrOddLength is returned for UTF-16 or UTF-32 text whose length is not a
// whole number of code units: a truncated or mistaken file.
var ErrOddLength = errors.New("length is not a whole number of code units")

// ToUTF8 returns src as UTF-8 without a byte order mark. UTF-8 input is
// returned as is, minus its byte order mark; UTF-16 and UTF-32 are
// transcoded (an unpaired surrogate becomes U+FFFD, as every decoder does).
// The error says which encoding src was taken for.
func ToUTF8(src []byte) ([]byte, error) {
	enc, bom := Detect(src)
	var unit int
	var dec *encoding.Decoder
	switch enc {
	case UTF8:
		return src[bom:], nil
	case UTF16LE:
		unit, dec = 2, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewDecoder()
	case UTF16BE:
		unit, dec = 2, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewDecoder()
	case UTF32LE:
		unit, dec = 4, utf32.UTF32(utf32.LittleEndian, utf32.IgnoreBOM).NewDecoder()
	case UTF32BE:
		unit, dec = 4, utf32.UTF32(utf32.BigEndian, utf32.IgnoreBOM).NewDecoder()
	}
	body := src[bom:]
	if len(body)%unit != 0 {
		return nil, fmt.Errorf("%s text: %w", enc, ErrOddLength)
	}
	out, err := dec.Bytes(body)
	if err != nil {
		return nil, fmt.Errorf("%s text: %w", enc, err)
	}
	return out, nil
}
