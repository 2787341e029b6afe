package suppress

import (
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/rampart-iac/rampart/analyzer/config"
	"github.com/rampart-iac/rampart/analyzer/engine"
	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/result"
)

// Options are the suppressions a scan applies besides those written in
// the templates.
type Options struct {
	// Ignores are the configuration file's `ignore:` entries.
	Ignores []config.Ignore
	// AllowNoReason lets a suppression without a reason suppress
	// (require_suppression_reason: false). By default it does not.
	AllowNoReason bool
	// Baseline marks the findings it lists as known; nil for none.
	Baseline *Baseline
	// Today is the day expiry dates are compared with; zero means the
	// current day in UTC.
	Today time.Time
}

// Input is what the stage needs from the scan.
type Input struct {
	// Findings are the findings of every instance, before instances of
	// one place are merged: a suppression naming one module instance
	// then suppresses that instance's finding only.
	Findings []result.Finding
	// Resources are the canonical resources evaluated, or at least those
	// with a finding and those with rampart Metadata: their declarations
	// and CloudFormation Metadata.
	Resources []*graph.Canonical
	// DeclaredAt reports whether a canonical resource is declared at a
	// line of a file, for a scan that keeps only some declarations in
	// Resources; nil means Resources holds them all.
	DeclaredAt func(file string, line int) bool
	// Rules are every loaded rule, for names and suggestions; Ran are the
	// rules that ran (a suppression of another cannot match anything and
	// is not reported as unused).
	Rules, Ran []result.Rule
	// Files are the files the scan accounted for: inline comments are read
	// from the scanned ones.
	Files []result.File
	// ReadFile reads a scanned file again (inside the scan's boundary). It
	// is called from several goroutines at once.
	ReadFile func(path string) ([]byte, error)
}

// Apply marks the findings the suppressions and the baseline cover and
// returns them with diagnostics about the suppressions themselves.
func Apply(in Input, opts Options) ([]result.Finding, graph.Diagnostics) {
	today := opts.Today
	if today.IsZero() {
		today = time.Now().UTC()
	}
	s := newStage(in)
	dirs, diags := s.collect(opts.Ignores)
	active, more := s.resolve(dirs, today, opts.AllowNoReason)
	diags = append(diags, more...)

	findings := slices.Clone(in.Findings)
	matched := make([]map[string]bool, len(active))
	for i := range active {
		matched[i] = map[string]bool{}
	}
	for fi := range findings {
		f := &findings[fi]
		if f.Suppressed {
			continue
		}
		for di, d := range active {
			if slices.Contains(d.ids, f.RuleID) && s.covers(d.directive, f) {
				matched[di][f.RuleID] = true
				if !f.Suppressed {
					f.Suppressed, f.Suppression = true, d.suppression()
				}
			}
		}
	}
	diags = append(diags, s.unused(active, matched)...)
	if opts.Baseline != nil {
		diags = append(diags, opts.Baseline.apply(findings, s.scanned)...)
	}
	return findings, diags
}

// stage holds what matching needs, indexed.
type stage struct {
	in Input
	// decl is each resource's declaration, by UID.
	decl map[string]graph.Location
	// declared holds the declaration lines of resources, "file:line",
	// when Input.DeclaredAt does not say.
	declared map[string]bool
	// scanned lists the scanned files, cleaned.
	scanned []string
	ran     map[string]bool
	byName  map[string]string // upper-cased ID or name -> ID
}

func newStage(in Input) *stage {
	s := &stage{in: in, decl: map[string]graph.Location{}, declared: map[string]bool{},
		ran: map[string]bool{}, byName: map[string]string{}}
	for _, c := range in.Resources {
		if c.Native == nil {
			continue
		}
		s.decl[c.UID] = c.Native.Loc
		if in.DeclaredAt == nil {
			s.declared[lineKey(c.Native.Loc.File, c.Native.Loc.StartLine)] = true
		}
	}
	for _, f := range in.Files {
		if f.Status == result.FileScanned {
			s.scanned = append(s.scanned, filepath.Clean(f.Path))
		}
	}
	for _, r := range in.Ran {
		s.ran[r.ID] = true
	}
	for _, r := range in.Rules {
		s.byName[strings.ToUpper(r.ID)] = r.ID
		s.byName[strings.ToUpper(r.Name)] = r.ID
	}
	return s
}

// declaredAt reports whether a canonical resource is declared at line of
// file.
func (s *stage) declaredAt(file string, line int) bool {
	if s.in.DeclaredAt != nil {
		return s.in.DeclaredAt(file, line)
	}
	return s.declared[lineKey(file, line)]
}

func lineKey(file string, line int) string {
	return fmt.Sprintf("%s:%d", filepath.Clean(file), line)
}

// collect gathers every directive: inline comments of the scanned files,
// Metadata of the resources, and the configuration's entries.
func (s *stage) collect(ignores []config.Ignore) ([]directive, graph.Diagnostics) {
	var out []directive
	var diags graph.Diagnostics
	for _, r := range s.inlineAll() {
		out = append(out, r.directives...)
		diags = append(diags, r.diags...)
	}
	seen := map[graph.Location]bool{}
	for _, c := range s.in.Resources {
		if c.Native == nil || c.Native.Meta["Metadata"] == nil || seen[c.Native.Loc] {
			continue
		}
		// SAM resources and nested stacks used twice share a
		// declaration, and so its Metadata: read it once.
		seen[c.Native.Loc] = true
		ds, more := metadataDirectives(c.Native.Meta["Metadata"], c.Native.Loc)
		out = append(out, ds...)
		diags = append(diags, more...)
	}
	for _, ig := range ignores {
		out = append(out, directive{source: SourceConfig, rules: []string{ig.ID}, reason: ig.Reason,
			until: ig.Until, at: ig.Location, scope: scope{pathGlob: ig.Path, globBase: filepath.Dir(ig.Location.File), resource: ig.Resource}})
	}
	return out, diags
}

type inlineResult struct {
	directives []directive
	diags      graph.Diagnostics
}

// inlineAll reads the suppression comments of every scanned file, in the
// order of Files, reading as many files at once as there are cores: a
// large tree has tens of thousands, read again at the end of the scan.
func (s *stage) inlineAll() []inlineResult {
	if s.in.ReadFile == nil {
		return nil
	}
	out := make([]inlineResult, len(s.in.Files))
	next := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				out[i].directives, out[i].diags = s.inline(s.in.Files[i])
			}
		})
	}
	for i, f := range s.in.Files {
		if f.Status == result.FileScanned {
			next <- i
		}
	}
	close(next)
	wg.Wait()
	return out
}

// inline reads the suppression comments of one scanned file.
func (s *stage) inline(f result.File) ([]directive, graph.Diagnostics) {
	var find func([]byte, string) []comment
	switch {
	case strings.HasSuffix(f.Path, ".tf"):
		// Read with a module or, for a plan, for its locations.
		find = terraformComments
	case f.Type == string(graph.SourceCloudFormation):
		find = yamlComments
	default:
		return nil, nil
	}
	src, err := s.in.ReadFile(f.Path)
	if err != nil || !hasMarker(src) {
		return nil, nil // it was read a moment ago; a file gone now has no findings to suppress
	}
	var out []directive
	var diags graph.Diagnostics
	for _, c := range find(src, f.Path) {
		rules, until, reason, ok, err := parseComment(c.text)
		if !ok {
			continue
		}
		if err != nil {
			diags.Errorf(c.at, "%v", err)
			continue
		}
		d := directive{source: SourceInline, rules: rules, until: until, reason: reason, at: c.at}
		switch {
		case c.first == 0:
			// Nothing follows it: it covers nothing, and is reported
			// as unused.
			d.scope = scope{file: f.Path}
		case s.declaredAt(f.Path, c.first):
			d.scope = scope{declFile: f.Path, declLine: c.first}
		default:
			d.scope = scope{file: f.Path, first: c.first, last: c.last}
		}
		out = append(out, d)
	}
	return out, diags
}

// activeDirective is a directive in force, its rules resolved to IDs.
type activeDirective struct {
	directive
	ids []string
}

func (d directive) suppression() *result.Suppression {
	s := &result.Suppression{Source: d.source, Reason: d.reason, Location: d.at}
	if !d.until.IsZero() {
		s.Until = d.until.Format(time.DateOnly)
	}
	return s
}

// resolve turns rule names into IDs and keeps the directives that apply:
// an unknown rule is an error with the nearest one; an expired directive
// and one without a (required) reason are warnings, and suppress nothing.
func (s *stage) resolve(dirs []directive, today time.Time, allowNoReason bool) ([]activeDirective, graph.Diagnostics) {
	var out []activeDirective
	var diags graph.Diagnostics
	for _, d := range dirs {
		var ids []string
		bad := false
		for _, name := range d.rules {
			id, ok := s.byName[strings.ToUpper(name)]
			if !ok {
				msg := fmt.Sprintf("%s names rule %q, which does not exist", what(d), name)
				if sug := engine.ClosestRule(name, s.in.Rules); sug != "" {
					msg += fmt.Sprintf("; did you mean %s?", sug)
				}
				diags.Errorf(d.at, "%s (see `rampart rules`)", msg)
				bad = true
				continue
			}
			ids = append(ids, id)
		}
		switch {
		case bad:
		case expired(d.until, today):
			diags.Warnf(d.at, "%s of %s expired on %s and no longer suppresses; renew or remove it",
				what(d), strings.Join(ids, ", "), d.until.Format(time.DateOnly))
		case d.reason == "" && !allowNoReason:
			diags.Warnf(d.at, "%s of %s has no reason and does not suppress; %s (or set require_suppression_reason: false)",
				what(d), strings.Join(ids, ", "), reasonHint(d))
		default:
			out = append(out, activeDirective{directive: d, ids: ids})
		}
	}
	return out, diags
}

// what names a directive's kind in a message.
func what(d directive) string {
	switch d.source {
	case SourceInline:
		return "suppression comment"
	case SourceMetadata:
		return "Metadata suppression"
	}
	return "ignore entry"
}

func reasonHint(d directive) string {
	if d.source == SourceInline {
		return "write one after --"
	}
	return "add reason"
}

// covers reports whether d's scope takes in finding f.
func (s *stage) covers(d directive, f *result.Finding) bool {
	sc := d.scope
	if sc.declFile != "" {
		decl, ok := s.decl[ResourceUID(f)]
		return ok && filepath.Clean(decl.File) == filepath.Clean(sc.declFile) && decl.StartLine == sc.declLine
	}
	if sc.file != "" {
		return filepath.Clean(f.Location.File) == filepath.Clean(sc.file) &&
			f.Location.StartLine >= sc.first && f.Location.StartLine <= sc.last && sc.first > 0
	}
	if sc.pathGlob != "" && !s.pathMatches(sc, f) {
		return false
	}
	if sc.resource != "" && !resourceMatches(sc.resource, f) {
		return false
	}
	return true
}

// ResourceUID is the UID of the canonical resource an instance's finding
// is about: the declaration the stage looks up for it.
func ResourceUID(f *result.Finding) string {
	if len(f.Instances) == 0 {
		return ""
	}
	return f.Instances[0].Root + "#" + f.Resource.ID
}

// pathMatches matches a configuration path glob against the file the
// finding is located in and the file its resource is declared in.
func (s *stage) pathMatches(sc scope, f *result.Finding) bool {
	files := []string{f.Location.File}
	if decl, ok := s.decl[ResourceUID(f)]; ok {
		files = append(files, decl.File)
	}
	for _, file := range files {
		if globMatches(sc, file) {
			return true
		}
	}
	return false
}

// globMatches matches a configuration path glob against file, relative
// to the configuration file's directory as every path in it is.
func globMatches(sc scope, file string) bool {
	rel := filepath.Clean(file)
	if base, err := filepath.Abs(sc.globBase); err == nil {
		if abs, err := filepath.Abs(file); err == nil {
			if r, err := filepath.Rel(base, abs); err == nil {
				rel = r
			}
		}
	}
	ok, _ := doublestar.Match(sc.pathGlob, filepath.ToSlash(rel))
	return ok
}

// resourceMatches matches a configuration `resource` against the
// finding's resource: its address as reported (module.a.aws_s3_bucket.b[0],
// Network/Bucket), that address without instance keys
// (module.a.aws_s3_bucket.b), or its address inside its module
// (aws_s3_bucket.b, every instance of a shared module's block).
func resourceMatches(want string, f *result.Finding) bool {
	if want == f.Resource.ID || want == withoutKeys(f.Resource.ID) {
		return true
	}
	for _, in := range f.Instances {
		if want == in.BlockAddress() {
			return true
		}
	}
	return false
}

// withoutKeys drops the instance keys ([0], ["k"]) of an address.
func withoutKeys(addr string) string {
	var b strings.Builder
	depth := 0
	var quote bool
	for i := 0; i < len(addr); i++ {
		c := addr[i]
		switch {
		case quote:
			if c == '\\' {
				i++
			} else if c == '"' {
				quote = false
			}
			continue
		case c == '"' && depth > 0:
			quote = true
			continue
		case c == '[':
			depth++
			continue
		case c == ']':
			depth--
			continue
		}
		if depth == 0 {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// unused warns about each rule of a directive in force that matched no
// finding, when that rule ran and, for a configuration entry with a path,
// the path names a scanned file: a scan of part of a repository must not
// call the rest of its configuration unused.
func (s *stage) unused(active []activeDirective, matched []map[string]bool) graph.Diagnostics {
	var diags graph.Diagnostics
	for i, d := range active {
		if d.scope.pathGlob != "" && !s.anyScanned(d.scope) {
			continue
		}
		for _, id := range d.ids {
			if s.ran[id] && !matched[i][id] {
				diags.Warnf(d.at, "%s of %s matched no finding; remove it if the finding is gone", what(d.directive), id)
			}
		}
	}
	return diags
}

func (s *stage) anyScanned(sc scope) bool {
	for _, f := range s.scanned {
		if globMatches(sc, f) {
			return true
		}
	}
	return false
}
