package report

import (
	"github.com/fatih/color"

	"github.com/rampart-iac/rampart/analyzer/result"
)

// palette holds the styles of the text report. Colors come from
// github.com/fatih/color, each enabled or disabled explicitly per instance so
// that the decision is the caller's (Options.Color) and the package-level
// color.NoColor, which guesses from the process's own stdout, is never
// consulted or changed.
type palette struct {
	file, location, dim, bold, marker *color.Color
	errorText, warnText               *color.Color
	severity                          map[result.Severity]*color.Color
}

func newPalette(enabled bool) palette {
	p := palette{
		file:      color.New(color.Bold, color.Underline),
		location:  color.New(color.Bold),
		dim:       color.New(color.Faint),
		bold:      color.New(color.Bold),
		marker:    color.New(color.FgRed, color.Bold),
		errorText: color.New(color.FgRed, color.Bold),
		warnText:  color.New(color.FgYellow, color.Bold),
		severity: map[result.Severity]*color.Color{
			result.SeverityCritical: color.New(color.FgHiRed, color.Bold),
			result.SeverityHigh:     color.New(color.FgRed),
			result.SeverityMedium:   color.New(color.FgYellow),
			result.SeverityLow:      color.New(color.FgCyan),
		},
	}
	all := []*color.Color{p.file, p.location, p.dim, p.bold, p.marker, p.errorText, p.warnText}
	for _, c := range p.severity {
		all = append(all, c)
	}
	for _, c := range all {
		if enabled {
			c.EnableColor()
		} else {
			c.DisableColor()
		}
	}
	return p
}

func (p palette) sev(s result.Severity) string {
	if c, ok := p.severity[s]; ok {
		return c.Sprint(s.String())
	}
	return s.String()
}
