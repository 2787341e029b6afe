package plan

import (
	"bytes"
	"encoding/json"
)

// IsPlan reports whether a .json file is a Terraform plan (`terraform show
// -json plan.out`): an object with "format_version" and "planned_values".
// It reads top-level keys only and stops as soon as both are seen; Terraform
// writes them first, so a plan is recognized after a few hundred bytes.
func IsPlan(src []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(blankBOM(src)))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return false
	}
	var format, planned bool
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		switch tok {
		case "format_version":
			format = true
		case "planned_values":
			planned = true
		}
		if format && planned {
			return true
		}
		if !skipValue(dec) {
			return false
		}
	}
	return false
}

// skipValue consumes one JSON value without building it.
func skipValue(dec *json.Decoder) bool {
	depth := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
		if depth == 0 {
			return true
		}
	}
}
