package tffuncs

import (
	"bytes"
	"compress/gzip"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"unicode/utf8"

	"github.com/hashicorp/go-cty-funcs/crypto"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/ianaindex"
)

// Base64DecodeFunc is base64decode(string): the standard-alphabet Base64
// text decoded, which must be UTF-8 (Terraform strings are text, not
// bytes). go-cty-funcs has one too, but it logs the decoded bytes on
// failure, and a scanner must not print configuration contents.
var Base64DecodeFunc = function.New(&function.Spec{
	Description: "Decodes a Base64 string holding UTF-8 text.",
	Params: []function.Parameter{
		{Name: "str", Type: cty.String},
	},
	Type:         function.StaticReturnType(cty.String),
	RefineResult: refineNotNull,
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		b, err := base64.StdEncoding.DecodeString(args[0].AsString())
		if err != nil {
			return cty.NilVal, fmt.Errorf("failed to decode base64 data: %s", err)
		}
		if !utf8.Valid(b) {
			return cty.NilVal, errors.New("the result of decoding the provided string is not valid UTF-8")
		}
		return cty.StringVal(string(b)), nil
	},
})

// Base64GzipFunc is base64gzip(string): the UTF-8 string gzip-compressed
// (flushed, then closed, byte for byte as Terraform writes it), then
// Base64-encoded.
var Base64GzipFunc = function.New(&function.Spec{
	Description: "Compresses a string with gzip and encodes the result in Base64.",
	Params: []function.Parameter{
		{Name: "str", Type: cty.String},
	},
	Type:         function.StaticReturnType(cty.String),
	RefineResult: refineNotNull,
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		var buf bytes.Buffer
		w := gzip.NewWriter(&buf)
		if _, err := w.Write([]byte(args[0].AsString())); err != nil {
			return cty.NilVal, fmt.Errorf("gzip: %w", err)
		}
		// Terraform flushes before it closes, which ends the data with an
		// empty stored block; without it the bytes (and so the string)
		// differ from what terraform plan gives.
		if err := w.Flush(); err != nil {
			return cty.NilVal, fmt.Errorf("gzip: %w", err)
		}
		if err := w.Close(); err != nil {
			return cty.NilVal, fmt.Errorf("gzip: %w", err)
		}
		return cty.StringVal(base64.StdEncoding.EncodeToString(buf.Bytes())), nil
	},
})

// TextEncodeBase64Func is textencodebase64(string, encoding_name): the
// string encoded in the named IANA character set (UTF-16LE, windows-1252,
// ...), then Base64-encoded.
var TextEncodeBase64Func = function.New(&function.Spec{
	Description: "Encodes a string in a character encoding and then in Base64.",
	Params: []function.Parameter{
		{Name: "string", Type: cty.String},
		{Name: "encoding", Type: cty.String},
	},
	Type:         function.StaticReturnType(cty.String),
	RefineResult: refineNotNull,
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		enc, err := ianaEncoding(args[1].AsString())
		if err != nil {
			return cty.NilVal, function.NewArgError(1, err)
		}
		out, err := enc.NewEncoder().String(args[0].AsString())
		if err != nil {
			return cty.NilVal, function.NewArgErrorf(0, "the given string contains characters that cannot be represented in %s", args[1].AsString())
		}
		return cty.StringVal(base64.StdEncoding.EncodeToString([]byte(out))), nil
	},
})

// TextDecodeBase64Func is textdecodebase64(source, encoding_name): the
// Base64 text decoded, then read as the named IANA character set.
var TextDecodeBase64Func = function.New(&function.Spec{
	Description: "Decodes Base64 text holding characters in a character encoding.",
	Params: []function.Parameter{
		{Name: "source", Type: cty.String},
		{Name: "encoding", Type: cty.String},
	},
	Type:         function.StaticReturnType(cty.String),
	RefineResult: refineNotNull,
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		enc, err := ianaEncoding(args[1].AsString())
		if err != nil {
			return cty.NilVal, function.NewArgError(1, err)
		}
		raw, err := base64.StdEncoding.DecodeString(args[0].AsString())
		if err != nil {
			return cty.NilVal, function.NewArgErrorf(0, "the given value has an invalid base64 symbol: %s", err)
		}
		out, err := enc.NewDecoder().Bytes(raw)
		if err != nil || !utf8.Valid(out) {
			return cty.NilVal, function.NewArgErrorf(0, "the given value is not valid %s text", args[1].AsString())
		}
		return cty.StringVal(string(out)), nil
	},
})

func ianaEncoding(name string) (encoding.Encoding, error) {
	enc, err := ianaindex.IANA.Encoding(name)
	if err != nil || enc == nil {
		return nil, fmt.Errorf("%q is not a supported IANA encoding name or alias", name)
	}
	return enc, nil
}

// digest turns a hash sum into the text a function returns.
type digest func([]byte) string

func hexDigest(b []byte) string    { return hex.EncodeToString(b) }
func base64Digest(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

func newHash(alg string) hash.Hash {
	switch alg {
	case "md5":
		return md5.New()
	case "sha1":
		return sha1.New()
	case "sha256":
		return sha256.New()
	}
	return sha512.New()
}

// MakeStringHashFunc hashes a string's UTF-8 bytes with alg (md5, sha1,
// sha256, sha512) and renders the sum with enc: base64sha256 and
// base64sha512.
func MakeStringHashFunc(alg string, enc digest) function.Function {
	return function.New(&function.Spec{
		Description: fmt.Sprintf("Hashes a string with %s.", alg),
		Params: []function.Parameter{
			{Name: "str", Type: cty.String},
		},
		Type:         function.StaticReturnType(cty.String),
		RefineResult: refineNotNull,
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			h := newHash(alg)
			h.Write([]byte(args[0].AsString()))
			return cty.StringVal(enc(h.Sum(nil))), nil
		},
	})
}

// MakeFileHashFunc hashes a file's bytes with alg; a relative path
// resolves against baseDir. filemd5, filesha1 ... filebase64sha512.
func MakeFileHashFunc(baseDir, alg string, enc digest) function.Function {
	return function.New(&function.Spec{
		Description: fmt.Sprintf("Hashes the contents of a file with %s.", alg),
		Params: []function.Parameter{
			{Name: "path", Type: cty.String},
		},
		Type:         function.StaticReturnType(cty.String),
		RefineResult: refineNotNull,
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			// Terraform reports these failures as the call's, not the
			// path's ("Error in function call"), unlike file's.
			b, err := readFile(baseDir, args[0].AsString())
			if err != nil {
				return cty.NilVal, err
			}
			h := newHash(alg)
			h.Write(b)
			return cty.StringVal(enc(h.Sum(nil))), nil
		},
	})
}

// RsaDecryptFunc is go-cty-funcs' rsadecrypt(ciphertext, privatekey),
// failing as Terraform does: with an error about the ciphertext when it is
// not Base64, and about the private key for anything else.
var RsaDecryptFunc = function.New(&function.Spec{
	Description:  crypto.RsaDecryptFunc.Description(),
	Params:       crypto.RsaDecryptFunc.Params(),
	Type:         function.StaticReturnType(cty.String),
	RefineResult: refineNotNull,
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		if _, err := base64.StdEncoding.DecodeString(args[0].AsString()); err != nil {
			return cty.NilVal, function.NewArgErrorf(0, "the ciphertext is not Base64: %s", err)
		}
		v, err := crypto.RsaDecryptFunc.Call(args)
		if err != nil {
			return cty.NilVal, function.NewArgError(1, err)
		}
		return v, nil
	},
})
