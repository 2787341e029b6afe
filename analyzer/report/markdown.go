package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/result"
)

// markdownMaxRows bounds the rows of each list (findings, suppressed,
// undecided): a pull-request comment holds at most 65,536 characters, and
// the worst findings come first.
const markdownMaxRows = 100

type markdownWriter struct{ opts Options }

func newMarkdown(opts Options) Writer { return markdownWriter{opts: opts} }

// Write renders res as GitHub-flavoured Markdown for a pull-request comment
// or $GITHUB_STEP_SUMMARY: a headline, a table of findings by severity, the
// files that could not be analysed, the findings grouped by file (worst
// file first) with links to their lines, then suppressed findings and
// undecided checks folded away. Every string from a template is escaped so
// it can neither break the layout, run HTML nor mention anyone.
func (mw markdownWriter) Write(w io.Writer, res *result.Result) error {
	var b strings.Builder
	s := res.Summarize()
	fmt.Fprintf(&b, "### %s: %s\n\n", mdEscape(firstNonEmpty(mw.opts.Tool.Name, "rampart")), headline(res, s))
	b.WriteString("| Severity | Findings |\n|:--|--:|\n")
	for _, sev := range severitiesDesc() {
		fmt.Fprintf(&b, "| %s | %d |\n", sev, s.BySeverity[sev.String()])
	}
	b.WriteString("\n" + mdEscape(countsLine(res, s)) + "\n")
	mw.failed(&b, res)
	mw.findings(&b, res.Findings)
	mw.suppressed(&b, res.Findings)
	mw.undecided(&b, res.Undecided)
	if footer := mw.footer(); footer != "" {
		b.WriteString("\n" + footer + "\n")
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("writing markdown report: %w", err)
	}
	return nil
}

// headline is "3 findings in 2 files", "no findings", and says when files
// failed, since then no findings does not mean safe.
func headline(res *result.Result, s result.Summary) string {
	files := map[string]bool{}
	for _, f := range res.Findings {
		if !f.Suppressed {
			files[f.Location.File] = true
		}
	}
	h := "no findings"
	if s.Findings > 0 {
		h = plural(s.Findings, "finding") + " in " + plural(len(files), "file")
	}
	if n := len(failedFiles(res)); n > 0 {
		h += ", " + plural(n, "file") + " could not be analysed"
	}
	return h
}

// countsLine is the rest of the accounting, one line.
func countsLine(res *result.Result, s result.Summary) string {
	parts := []string{fmt.Sprintf("%s in %s scanned", plural(s.Resources, "resource"), plural(s.Scanned, "file"))}
	if s.Ignored > 0 {
		parts = append(parts, fmt.Sprintf("%d ignored", s.Ignored))
	}
	if s.Suppressed > 0 {
		parts = append(parts, fmt.Sprintf("%d suppressed", s.Suppressed))
	}
	if s.Undecided > 0 {
		parts = append(parts, fmt.Sprintf("%d undecided", s.Undecided))
	}
	if n := len(res.Warnings); n > 0 {
		parts = append(parts, plural(n, "warning"))
	}
	return strings.Join(parts, " · ")
}

// failedFiles are the files that failed, each with its first error (or the
// file's reason), in path order.
func failedFiles(res *result.Result) []graph.Diagnostic {
	var out []graph.Diagnostic
	out = append(out, sortedDiagnostics(res.Errors)...)
	for _, f := range failedWithoutError(res) {
		out = append(out, graph.Diagnostic{Severity: graph.SeverityError, Summary: firstNonEmpty(f.Reason, "could not be analysed"), Location: graph.Location{File: f.Path}})
	}
	return out
}

func (mw markdownWriter) failed(b *strings.Builder, res *result.Result) {
	ds := failedFiles(res)
	if len(ds) == 0 {
		return
	}
	fmt.Fprintf(b, "\n> [!CAUTION]\n> %s: the gate fails until they can be checked.\n\n", mdEscape(plural(len(ds), "error")))
	b.WriteString("| Location | Error |\n|:--|:--|\n")
	for _, d := range ds {
		fmt.Fprintf(b, "| %s | %s |\n", mw.link(d.Location), mdEscape(diagnosticText(d)))
	}
}

func (mw markdownWriter) findings(b *strings.Builder, fs []result.Finding) {
	var open []result.Finding
	for _, f := range fs {
		if !f.Suppressed {
			open = append(open, f)
		}
	}
	rows := 0
	for _, ff := range byFileWorstFirst(open) {
		if rows == markdownMaxRows {
			break
		}
		fmt.Fprintf(b, "\n#### %s\n\n", mw.link(graph.Location{File: ff.File}))
		b.WriteString("| Line | Severity | Rule | Resource | Message |\n|--:|:--|:--|:--|:--|\n")
		for i, f := range ff.Findings[:min(len(ff.Findings), markdownMaxRows-rows)] {
			line, resource := mw.lineLink(f.Location), mdCodeCell(f.Resource.ID)
			if i > 0 && continues(ff.Findings[i-1], f) {
				// The findings of one resource at one location read as one
				// block: rules are independent, so a rule open to the
				// world is reported by each rule it breaks.
				line, resource = "", ""
			}
			fmt.Fprintf(b, "| %s | %s | %s | %s | %s |\n",
				line, f.Severity, mdEscape(strings.TrimSpace(f.RuleID+" "+f.RuleName)),
				resource, mdEscape(f.Message))
			rows++
		}
	}
	mw.more(b, len(open)-rows, "finding")
}

// continues reports whether f is about the same resource and lines as the
// finding listed just before it, so its row can leave both out.
func continues(prev, f result.Finding) bool {
	return sameLocation(prev.Location, f.Location) && prev.Resource.ID == f.Resource.ID
}

// more says how many rows a list left out, and where they are.
func (mw markdownWriter) more(b *strings.Builder, n int, noun string) {
	if n <= 0 {
		return
	}
	where := "the full report (`--format text` or `--output-format sarif=FILE`)"
	if len(mw.opts.FullReports) > 0 {
		where = "the full report: " + mdEscape(strings.Join(mw.opts.FullReports, ", "))
	}
	fmt.Fprintf(b, "\n… and %s, in %s.\n", plural(n, "more "+noun), where)
}

func (mw markdownWriter) suppressed(b *strings.Builder, fs []result.Finding) {
	var sup []result.Finding
	for _, f := range sortedFindings(fs) {
		if f.Suppressed {
			sup = append(sup, f)
		}
	}
	if len(sup) == 0 {
		return
	}
	fmt.Fprintf(b, "\n<details><summary>%s</summary>\n\n", plural(len(sup), "suppressed finding"))
	b.WriteString("| Location | Rule | Resource | Suppression |\n|:--|:--|:--|:--|\n")
	for _, f := range sup[:min(len(sup), markdownMaxRows)] {
		fmt.Fprintf(b, "| %s | %s | %s | %s |\n", mw.link(f.Location), mdEscape(f.RuleID), mdCodeCell(f.Resource.ID), mdEscape(suppressionText(f.Suppression)))
	}
	mw.more(b, len(sup)-markdownMaxRows, "suppressed finding")
	b.WriteString("\n</details>\n")
}

func (mw markdownWriter) undecided(b *strings.Builder, us []result.Undecided) {
	if len(us) == 0 {
		return
	}
	fmt.Fprintf(b, "\n<details><summary>%s (a value the rule reads is unknown until deploy)</summary>\n\n", plural(len(us), "undecided check"))
	b.WriteString("| Location | Severity | Rule | Resource | Why |\n|:--|:--|:--|:--|:--|\n")
	sorted := sortedUndecided(us)
	for _, u := range sorted[:min(len(sorted), markdownMaxRows)] {
		why := u.Reason
		if u.Path != "" {
			why = u.Path + ": " + why
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s |\n", mw.link(u.Location), u.Severity, mdEscape(u.RuleID), mdCodeCell(u.Resource.ID), mdEscape(why))
	}
	mw.more(b, len(sorted)-markdownMaxRows, "undecided check")
	b.WriteString("\n</details>\n")
}

func (mw markdownWriter) footer() string {
	var parts []string
	if v := mw.opts.Tool.Version; v != "" {
		parts = append(parts, mdEscape(firstNonEmpty(mw.opts.Tool.Name, "rampart")+" "+v))
	}
	if len(mw.opts.FullReports) > 0 {
		parts = append(parts, "full report: "+mdEscape(strings.Join(mw.opts.FullReports, ", ")))
	}
	if len(parts) == 0 {
		return ""
	}
	return "<sub>" + strings.Join(parts, " · ") + "</sub>"
}

// link renders a location as a link to its file and line: below
// Options.LinkBase (a blob URL of the commit) when set, else relative.
func (mw markdownWriter) link(l graph.Location) string {
	text := loc(l)
	if l.File == "" {
		return mdEscape(text)
	}
	return "[" + mdEscape(text) + "](" + mw.href(l) + ")"
}

// lineLink is link with only the line number as its text.
func (mw markdownWriter) lineLink(l graph.Location) string {
	if l.File == "" || l.StartLine <= 0 {
		return mw.link(l)
	}
	return "[" + strconv.Itoa(l.StartLine) + "](" + mw.href(l) + ")"
}

func (mw markdownWriter) href(l graph.Location) string {
	h := mw.opts.LinkBase + sarifURI(l.File)
	if l.StartLine > 0 {
		l = l.Normalized()
		h += "#L" + strconv.Itoa(l.StartLine)
		if l.EndLine > l.StartLine {
			h += "-L" + strconv.Itoa(l.EndLine)
		}
	}
	// A link destination must not hold a space or parenthesis.
	return strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29").Replace(h)
}

// mdEscape makes one line of text from a template inert in Markdown: control
// characters escaped as the text report does, Markdown punctuation
// backslash-escaped, HTML and @mentions turned into entities.
func mdEscape(s string) string {
	s = Escape(s)
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '|', '~', '#', '!', '{', '}', '(', ')':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '@':
			b.WriteString("&#64;")
		case '\t':
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// mdParagraphs escapes multi-line text line by line, keeping its breaks.
func mdParagraphs(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = mdEscape(strings.TrimRight(l, " \r"))
	}
	return strings.Join(lines, "\n")
}

// mdCode renders s as inline code, with a fence longer than any run of
// backquotes inside it.
func mdCode(s string) string {
	s = Escape(s)
	longest, run := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if longest > 0 {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}

// mdCodeCell is mdCode inside a table cell, where a pipe must be escaped
// even in code; empty text stays empty.
func mdCodeCell(s string) string {
	if s == "" {
		return ""
	}
	return strings.ReplaceAll(mdCode(s), "|", `\|`)
}

// mdLinkOrText makes an https reference an autolink, anything else text.
func mdLinkOrText(ref string) string {
	if strings.HasPrefix(ref, "https://") && !strings.ContainsAny(ref, " <>\"'`\\") && Escape(ref) == ref {
		return "<" + ref + ">"
	}
	return mdEscape(ref)
}
