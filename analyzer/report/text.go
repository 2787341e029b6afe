package report

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/fatih/color"

	"github.com/rampart-iac/rampart/analyzer/config"
	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/result"
)

// snippetMaxLines bounds how many blamed lines a finding shows; a finding
// located at a whole resource would otherwise print the whole resource.
const snippetMaxLines = 3

// instancesShown bounds how many instances of a shared module's finding
// the text lists; the json report lists them all.
const instancesShown = 3

type textWriter struct{ opts Options }

func newText(opts Options) Writer { return textWriter{opts: opts} }

// textRun is the state of rendering one result.
type textRun struct {
	opts Options
	p    palette
	src  *sourceCache
	b    bytes.Buffer
}

// Write renders res for a terminal: findings grouped by file with their
// source lines and provenance, then errors, warnings, ignored files
// (verbose), undecided checks (verbose, or when --on-unknown makes them
// matter), and a summary line. Every string that comes from a
// template or a policy is escaped.
func (tw textWriter) Write(w io.Writer, res *result.Result) error {
	r := &textRun{opts: tw.opts, p: newPalette(tw.opts.Color), src: newSourceCache(res.Root, res.Boundaries, tw.opts.ReadFile)}
	r.findings(sortedFindings(res.Findings))
	r.diagnostics("Errors", sortedDiagnostics(res.Errors), r.p.errorText, failedWithoutError(res))
	r.diagnostics("Warnings", sortedDiagnostics(res.Warnings), r.p.warnText, nil)
	if r.opts.Verbose {
		r.ignored(sortedFiles(res.Files))
	}
	r.undecided(sortedUndecided(res.Undecided))
	r.summary(res)
	if _, err := w.Write(r.b.Bytes()); err != nil {
		return fmt.Errorf("writing text report: %w", err)
	}
	return nil
}

func (r *textRun) printf(format string, args ...any) { fmt.Fprintf(&r.b, format, args...) }

// findings prints the findings by file, the file with the worst finding
// first; inside a file, the findings that blame the same lines form one
// block (worst severity first), the worst block first. Rules stay
// independent, and a resource that breaks three of them still reads as one
// problem with three aspects.
func (r *textRun) findings(fs []result.Finding) {
	for _, ff := range byFileWorstFirst(fs) {
		name := ff.File
		if name == "" {
			name = "(no file)"
		}
		r.printf("%s\n", r.p.file.Sprint(Escape(name)))
		for _, g := range byLocation(ff.Findings) {
			r.group(g)
		}
		r.printf("\n")
	}
}

// group prints the findings at one location: a line each, the source once,
// then what each unsuppressed finding adds (provenance, notes, instances),
// said once when several findings share it; suppressed findings come last.
func (r *textRun) group(g locationGroup) {
	var open, suppressed []result.Finding
	var paths []string
	for _, f := range g.Findings {
		if f.Suppressed {
			suppressed = append(suppressed, f)
			continue
		}
		r.head(f)
		open = append(open, f)
		paths = append(paths, f.Path)
	}
	defer func() {
		for _, f := range suppressed {
			r.head(f)
		}
	}()
	if len(open) == 0 {
		return
	}
	r.snippet(g.Location, paths...)
	type detail struct{ rule, text string }
	var details []detail
	seen := map[string]bool{}
	for _, f := range open {
		d := r.details(f)
		if d != "" && !seen[d] {
			seen[d] = true
			details = append(details, detail{f.RuleID, d})
		}
	}
	for _, d := range details {
		if len(details) > 1 {
			r.printf("    %s\n", r.p.dim.Sprint(Escape(d.rule)+":"))
		}
		r.b.WriteString(d.text)
	}
}

// loc renders a location the way editors and terminals link it: file:line.
func loc(l graph.Location) string {
	if l.File == "" {
		return "<unknown>"
	}
	if l.StartLine <= 0 {
		return Escape(l.File)
	}
	return Escape(l.File) + ":" + strconv.Itoa(l.StartLine)
}

// head prints a finding's line, and for a suppressed one the reason.
func (r *textRun) head(f result.Finding) {
	head := []string{loc(f.Location), f.Severity.String(), Escape(strings.TrimSpace(f.RuleID + " " + f.RuleName))}
	if f.Resource.ID != "" {
		head = append(head, Escape(f.Resource.ID))
	}
	head = append(head, Escape(f.Message))
	if f.Suppressed {
		// Suppressed findings stay visible but out of the way: one dimmed
		// line and the reason, no source or trace.
		r.printf("  %s\n", r.p.dim.Sprint(strings.Join(head, "  ")+"  [suppressed]"))
		r.printf("    %s\n", r.p.dim.Sprint(suppressionText(f.Suppression)))
		return
	}
	head[0] = r.p.location.Sprint(head[0])
	head[1] = r.p.sev(f.Severity)
	r.printf("  %s\n", strings.Join(head, "  "))
}

// details renders what a finding adds below the source: the provenance of
// the blamed value, notes and the instances of a shared file.
func (r *textRun) details(f result.Finding) string {
	sub := &textRun{opts: r.opts, p: r.p, src: r.src}
	for _, h := range f.Trace {
		if h.File == "" { // a value from the command line has no position
			sub.printf("    %s %s\n", r.p.dim.Sprint("via"), Escape(h.Note))
			continue
		}
		sub.printf("    %s %s  %s\n", r.p.dim.Sprint("via"), loc(h.Location), Escape(h.Note))
	}
	for _, n := range f.Notes {
		sub.printf("    %s %s\n", r.p.dim.Sprint("note:"), Escape(n))
	}
	sub.instances(f.Instances)
	return sub.b.String()
}

// instances lists where a result in a shared module or nested stack comes
// from: the first few roots and addresses, then how many more. A result
// with one instance says nothing more than its own line.
func (r *textRun) instances(ins []result.Instance) {
	if len(ins) < 2 {
		return
	}
	r.printf("    %s\n", r.p.dim.Sprintf("in %d instances:", len(ins)))
	for _, in := range ins[:min(len(ins), instancesShown)] {
		r.printf("      %s  %s\n", Escape(in.Root), Escape(in.Address()))
	}
	if more := len(ins) - instancesShown; more > 0 {
		r.printf("      %s\n", r.p.dim.Sprintf("and %d more", more))
	}
}

func suppressionText(s *result.Suppression) string {
	if s == nil {
		return "suppressed"
	}
	text := "suppressed"
	if s.Source != "" {
		text += " by " + Escape(s.Source)
	}
	if s.Location.Known() {
		text += " at " + loc(s.Location)
	}
	if s.Until != "" {
		text += " until " + Escape(s.Until)
	}
	reason := s.Reason
	if reason == "" {
		reason = "(no reason given)"
	}
	return text + ": " + Escape(reason)
}

// snippet prints the blamed lines with one line of context on each side,
// numbered, the blamed ones marked with '>'. A location longer than
// snippetMaxLines is a whole block (a resource, a nested block, a long
// expression): then the offending lines are its first line and, when a
// blamed attribute is written inside it, that attribute's line, rather than
// whatever the block happens to start with.
func (r *textRun) snippet(l graph.Location, paths ...string) {
	if !l.Known() {
		return
	}
	lines := r.src.lines(l.File)
	l = l.Normalized()
	if l.StartLine > len(lines) {
		return
	}
	end := min(l.EndLine, len(lines))
	whole := end-l.StartLine+1 <= snippetMaxLines
	var blamed []int
	if whole {
		for n := l.StartLine; n <= end; n++ {
			blamed = append(blamed, n)
		}
	} else {
		blamed = append([]int{l.StartLine}, attributeLines(lines, l.StartLine+1, end, paths, snippetMaxLines-1)...)
	}
	shown := blamed
	if l.StartLine > 1 {
		shown = append([]int{l.StartLine - 1}, shown...)
	}
	if whole && end < len(lines) {
		shown = append(shown, end+1) // trailing context only when the whole range is shown
	}
	isBlamed := map[int]bool{}
	for _, n := range blamed {
		isBlamed[n] = true
	}
	width := len(strconv.Itoa(shown[len(shown)-1]))
	gap := func(text string) {
		r.printf("    %s %s %s\n", strings.Repeat(" ", width), r.p.dim.Sprint("|"), text)
	}
	for i, n := range shown {
		if i > 0 && n > shown[i-1]+1 {
			gap("...")
		}
		mark := " "
		if isBlamed[n] {
			mark = r.p.marker.Sprint(">")
		}
		text := Escape(strings.TrimRight(lines[n-1], " \t"))
		if text != "" {
			text = " " + text
		}
		r.printf("  %s %s %s%s\n", mark, r.p.dim.Sprintf("%*d", width, n), r.p.dim.Sprint("|"), text)
	}
	if !whole {
		gap(fmt.Sprintf("... (%d lines, to line %d)", end-l.StartLine+1, end))
	}
}

// attributeLines finds, between lines from and to, the lines that set one
// of the blamed attributes (at most limit, in order): a line whose key
// (before "=", ":" or "{") is the attribute's last name, compared without
// case and underscores so storage_encrypted also finds CloudFormation's
// StorageEncrypted. An attribute ending in an index (ingress[3]) is not
// looked for: the native blocks need not be numbered as the canonical ones.
func attributeLines(lines []string, from, to int, paths []string, limit int) []int {
	want := map[string]bool{}
	for _, p := range paths {
		segs := strings.Split(p, ".")
		leaf := segs[len(segs)-1]
		if leaf != "" && !strings.HasSuffix(leaf, "]") {
			want[normalizeKey(leaf)] = true
		}
	}
	if len(want) == 0 {
		return nil
	}
	var out []int
	for n := from; n <= to && len(out) < limit; n++ {
		if want[normalizeKey(lineKey(lines[n-1]))] {
			out = append(out, n)
		}
	}
	return out
}

// lineKey is the key a source line sets: `storage_encrypted = false`,
// `StorageEncrypted: true`, `"storage_encrypted": false`, `versioning {`.
func lineKey(line string) string {
	line = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "- "))
	if i := strings.IndexAny(line, "=:{"); i > 0 {
		return strings.Trim(strings.TrimSpace(line[:i]), `"'`)
	}
	return ""
}

func normalizeKey(s string) string {
	return strings.ToLower(strings.NewReplacer("_", "", "-", "").Replace(s))
}

// failedWithoutError lists failed files no error diagnostic names, so that a
// file is never failed silently.
func failedWithoutError(res *result.Result) []result.File {
	named := map[string]bool{}
	for _, d := range res.Errors {
		named[d.Location.File] = true
	}
	var out []result.File
	for _, f := range sortedFiles(res.Files) {
		if f.Status == result.FileFailed && !named[f.Path] {
			out = append(out, f)
		}
	}
	return out
}

func (r *textRun) diagnostics(title string, ds []graph.Diagnostic, c *color.Color, failed []result.File) {
	if len(ds) == 0 && len(failed) == 0 {
		return
	}
	r.printf("%s\n", c.Sprint(title+":"))
	for _, d := range ds {
		msg := d.Summary
		if d.Detail != "" {
			msg += ": " + d.Detail
		}
		line := []string{r.p.location.Sprint(loc(d.Location)), d.Severity.String(), Escape(msg)}
		if d.Resource != "" {
			line = append(line, "(resource "+Escape(d.Resource)+")")
		}
		r.printf("  %s\n", strings.Join(line, "  "))
	}
	for _, f := range failed {
		reason := f.Reason
		if reason == "" {
			reason = "could not be analysed"
		}
		r.printf("  %s  error  %s\n", r.p.location.Sprint(Escape(f.Path)), Escape(reason))
	}
	r.printf("\n")
}

func (r *textRun) ignored(files []result.File) {
	var ignored []result.File
	for _, f := range files {
		if f.Status == result.FileIgnored {
			ignored = append(ignored, f)
		}
	}
	if len(ignored) == 0 {
		return
	}
	r.printf("%s\n", r.p.bold.Sprint("Ignored files:"))
	for _, f := range ignored {
		reason := f.Reason
		if reason == "" {
			reason = "not a template"
		}
		r.printf("  %s  %s\n", Escape(f.Path), r.p.dim.Sprint(Escape(reason)))
	}
	r.printf("\n")
}

func (r *textRun) undecided(us []result.Undecided) {
	if len(us) == 0 {
		return
	}
	const why = "a value the rule reads is unknown until deploy"
	switch r.opts.OnUnknown {
	case config.OnUnknownWarn:
		r.printf("%s\n", r.p.warnText.Sprintf("WARNING: %s (%s):", plural(len(us), "undecided check"), why))
	case config.OnUnknownFail:
		r.printf("%s\n", r.p.errorText.Sprintf("FAIL: %s, and --on-unknown fail (%s):", plural(len(us), "undecided check"), why))
	default:
		if !r.opts.Verbose {
			return
		}
		r.printf("%s\n", r.p.bold.Sprintf("Undecided checks (%s):", why))
	}
	for _, u := range us {
		line := []string{r.p.location.Sprint(loc(u.Location)), r.p.sev(u.Severity), Escape(strings.TrimSpace(u.RuleID + " " + u.RuleName))}
		if u.Resource.ID != "" {
			line = append(line, Escape(u.Resource.ID))
		}
		why := u.Reason
		if u.Path != "" {
			why = u.Path + ": " + why
		}
		line = append(line, Escape(why))
		r.printf("  %s\n", strings.Join(line, "  "))
		r.instances(u.Instances)
	}
	r.printf("\n")
}

// summary prints one line such as
// "3 findings (1 CRITICAL, 2 HIGH) in 2 files; 14 resources in 5 files scanned, 2 ignored, 1 failed".
func (r *textRun) summary(res *result.Result) {
	s := res.Summarize()
	var first string
	if s.Findings == 0 {
		first = "No findings"
	} else {
		var bySev []string
		for _, sev := range severitiesDesc() {
			if n := s.BySeverity[sev.String()]; n > 0 {
				bySev = append(bySev, fmt.Sprintf("%d %s", n, sev))
			}
		}
		files := map[string]bool{}
		for _, f := range res.Findings {
			if !f.Suppressed {
				files[f.Location.File] = true
			}
		}
		first = fmt.Sprintf("%s (%s) in %s", plural(s.Findings, "finding"), strings.Join(bySev, ", "), plural(len(files), "file"))
	}
	if s.Suppressed > 0 {
		first += fmt.Sprintf(", %d suppressed", s.Suppressed)
	}
	scanned := fmt.Sprintf("%s in %s scanned", plural(s.Resources, "resource"), plural(s.Scanned, "file"))
	if s.Ignored > 0 {
		scanned += fmt.Sprintf(", %d ignored", s.Ignored)
		if !r.opts.Verbose {
			scanned += " (--verbose lists them)"
		}
	}
	if s.Failed > 0 {
		scanned += fmt.Sprintf(", %d failed", s.Failed)
	}
	parts := []string{first, scanned}
	if s.Undecided > 0 {
		u := fmt.Sprintf("%d undecided", s.Undecided)
		if !r.opts.Verbose && (r.opts.OnUnknown == "" || r.opts.OnUnknown == config.OnUnknownPass) {
			u += " (--verbose lists them)"
		}
		parts = append(parts, u)
	}
	if n := len(res.Errors); n > 0 {
		parts = append(parts, plural(n, "error"))
	}
	if n := len(res.Warnings); n > 0 {
		parts = append(parts, plural(n, "warning"))
	}
	r.printf("%s\n", r.p.bold.Sprint(strings.Join(parts, "; ")))
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
