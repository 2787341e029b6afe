package graph

import "fmt"

// Severity of a diagnostic about the user's input.
type Severity int

const (
	// SeverityError means the file could not be analysed faithfully; a scan
	// with an error fails closed (exit 2).
	SeverityError Severity = iota
	// SeverityWarning is something suspicious that the cloud provider itself
	// would accept (a misspelled property, an unknown resource type).
	SeverityWarning
	// SeverityNote is information (a module not downloaded, a packaged
	// template URL left Unknown).
	SeverityNote
)

func (s Severity) String() string {
	switch s {
	case SeverityError:
		return "error"
	case SeverityWarning:
		return "warning"
	default:
		return "note"
	}
}

// MarshalText makes Severity render as its name in JSON.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Diagnostic is a problem in the user's input with its location.
type Diagnostic struct {
	Severity Severity `json:"severity"`
	Summary  string   `json:"summary"`
	Detail   string   `json:"detail,omitempty"`
	Location Location `json:"location"`
	// Resource is the ID of the resource the diagnostic concerns, if any, so
	// reports can show it next to that resource's findings.
	Resource string `json:"resource,omitempty"`
	// Path is the attribute path the diagnostic concerns, if any (for
	// example a misspelled property), in the resource's native attributes.
	Path Path `json:"path,omitempty"`
	// Module is the Terraform module instance the problem was found in
	// (module.a["x"].module.b), when that is not the root module, and
	// CalledAt the module blocks that lead there, outermost first: a
	// module shared by several calls may be fine for all but one of them.
	Module   string     `json:"module,omitempty"`
	CalledAt []Location `json:"called_at,omitempty"`
}

func (d Diagnostic) Error() string {
	msg := fmt.Sprintf("%s: %s", d.Location, d.Summary)
	if d.Detail != "" {
		msg += ": " + d.Detail
	}
	return msg
}

// Diagnostics is a list of diagnostics, collected and reported together.
type Diagnostics []Diagnostic

// HasErrors reports whether any diagnostic is an error.
func (ds Diagnostics) HasErrors() bool {
	for _, d := range ds {
		if d.Severity == SeverityError {
			return true
		}
	}
	return false
}

// Errorf appends an error diagnostic at loc.
func (ds *Diagnostics) Errorf(loc Location, format string, args ...any) {
	*ds = append(*ds, Diagnostic{Severity: SeverityError, Summary: fmt.Sprintf(format, args...), Location: loc})
}

// Warnf appends a warning diagnostic at loc.
func (ds *Diagnostics) Warnf(loc Location, format string, args ...any) {
	*ds = append(*ds, Diagnostic{Severity: SeverityWarning, Summary: fmt.Sprintf(format, args...), Location: loc})
}

// Notef appends a note diagnostic at loc.
func (ds *Diagnostics) Notef(loc Location, format string, args ...any) {
	*ds = append(*ds, Diagnostic{Severity: SeverityNote, Summary: fmt.Sprintf(format, args...), Location: loc})
}
