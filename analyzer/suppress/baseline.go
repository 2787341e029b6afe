package suppress

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"

	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/result"
	"github.com/rampart-iac/rampart/internal/safefs"
)

// BaselineVersion is the version of the baseline file format.
const BaselineVersion = 1

// maxBaselineSize bounds the baseline file: 16 MiB is some 100,000 entries.
const maxBaselineSize = 16 << 20

// Entry names one known finding without line numbers: the rule, the file
// the finding is located in (relative to the baseline file's directory,
// slash-separated), the resource's address inside its module or template
// (without instance keys, so every instance of a shared module's block is
// one entry) and the blamed attribute path. These are the fields the
// report's fingerprint is made of, so an edit that moves lines changes
// neither.
type Entry struct {
	RuleID    string `json:"rule_id"`
	File      string `json:"file"`
	Resource  string `json:"resource"`
	Attribute string `json:"attribute,omitempty"`
}

// Baseline is a set of known findings: `--baseline FILE` suppresses them,
// so that only new findings fail the run.
type Baseline struct {
	// Path is the baseline file.
	Path string
	dir  string // absolute: entry files are relative to it
	// entries maps each entry to its line in the file (0 for a baseline
	// built from findings).
	entries map[Entry]int
}

// NewBaseline records the findings no suppression written by hand covers
// (those the baseline itself covers included), to be written to path.
func NewBaseline(path string, findings []result.Finding) (*Baseline, error) {
	b, err := emptyBaseline(path)
	if err != nil {
		return nil, err
	}
	for i := range findings {
		f := &findings[i]
		if f.Suppressed && (f.Suppression == nil || f.Suppression.Source != SourceBaseline) {
			continue
		}
		b.entries[b.entryOf(f)] = 0
	}
	return b, nil
}

func emptyBaseline(path string) (*Baseline, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("baseline %s: %w", path, err)
	}
	return &Baseline{Path: path, dir: filepath.Dir(abs), entries: map[Entry]int{}}, nil
}

// Len is the number of entries.
func (b *Baseline) Len() int { return len(b.entries) }

// entryOf names a finding as the baseline does.
func (b *Baseline) entryOf(f *result.Finding) Entry {
	resource := withoutKeys(f.Resource.ID)
	if len(f.Instances) > 0 {
		resource = f.Instances[0].BlockAddress()
	}
	return Entry{RuleID: f.RuleID, File: b.relative(f.Location.File), Resource: resource, Attribute: f.Path}
}

// relative makes a reported path relative to the baseline's directory.
func (b *Baseline) relative(file string) string {
	if file == "" {
		return ""
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return filepath.ToSlash(file)
	}
	if rel, err := filepath.Rel(b.dir, abs); err == nil {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(abs)
}

// Mark suppresses the findings the baseline lists that nothing else
// suppresses and returns how many it marked.
func (b *Baseline) Mark(findings []result.Finding) int {
	n := 0
	for i := range findings {
		f := &findings[i]
		if f.Suppressed {
			continue
		}
		if _, ok := b.entries[b.entryOf(f)]; ok {
			f.Suppressed = true
			f.Suppression = &result.Suppression{Source: SourceBaseline,
				Reason: "known finding, listed in the baseline " + b.Path}
			n++
		}
	}
	return n
}

// apply marks the known findings and warns once about the entries of
// scanned files that no finding matches any more.
func (b *Baseline) apply(findings []result.Finding, scanned []string) graph.Diagnostics {
	b.Mark(findings)
	seen := map[Entry]bool{}
	for i := range findings {
		seen[b.entryOf(&findings[i])] = true
	}
	files := map[string]bool{}
	for _, f := range scanned {
		files[b.relative(f)] = true
	}
	stale, first := 0, 0
	for e, line := range b.entries {
		if files[e.File] && !seen[e] {
			stale++
			if first == 0 || line < first {
				first = line
			}
		}
	}
	if stale == 0 {
		return nil
	}
	var diags graph.Diagnostics
	diags.Warnf(graph.Location{File: b.Path, StartLine: first, EndLine: first},
		"%d baseline entries match no finding any more (fixed, or the resource was renamed); --write-baseline %s rewrites the file",
		stale, b.Path)
	return diags
}

// Marshal renders the baseline file: one entry per line, sorted, so that a
// rewritten baseline differs from the old one only where findings did.
func (b *Baseline) Marshal() []byte {
	entries := make([]Entry, 0, len(b.entries))
	for e := range b.entries {
		entries = append(entries, e)
	}
	slices.SortFunc(entries, func(x, y Entry) int {
		return strings.Compare(x.File+"\x00"+x.Resource+"\x00"+x.RuleID+"\x00"+x.Attribute,
			y.File+"\x00"+y.Resource+"\x00"+y.RuleID+"\x00"+y.Attribute)
	})
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "{\n  \"version\": %d,\n  \"findings\": [", BaselineVersion)
	for i, e := range entries {
		line, _ := json.Marshal(e) // a struct of strings always marshals
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.WriteString("\n    ")
		buf.Write(line)
	}
	if len(entries) > 0 {
		buf.WriteString("\n  ")
	}
	buf.WriteString("]\n}\n")
	return buf.Bytes()
}

// ReadBaseline reads and checks the baseline file at path.
func ReadBaseline(path string) (*Baseline, error) {
	data, err := safefs.ReadFile(path, "", maxBaselineSize)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("baseline %s does not exist (--write-baseline %s writes it)", path, path)
	}
	if err != nil {
		return nil, fmt.Errorf("reading baseline: %w", err)
	}
	return ParseBaseline(path, data)
}

// ParseBaseline checks the baseline text data read from path. Every
// mistake is an error naming the file and line.
func ParseBaseline(path string, data []byte) (*Baseline, error) {
	b, err := emptyBaseline(path)
	if err != nil {
		return nil, err
	}
	p := baselineParser{path: path, data: data, dec: json.NewDecoder(bytes.NewReader(data))}
	if err := p.parse(b); err != nil {
		return nil, err
	}
	return b, nil
}

type baselineParser struct {
	path string
	data []byte
	dec  *json.Decoder
}

// errorAt is an error at the line of byte offset off (past blanks and
// commas, to the token the decoder was about to read).
func (p *baselineParser) errorAt(off int64, format string, args ...any) error {
	return fmt.Errorf("baseline %s:%d: %s", p.path, p.lineOf(off), fmt.Sprintf(format, args...))
}

// fail turns a decoder error into one at its line.
func (p *baselineParser) fail(at int64, err error) error {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		return p.errorAt(se.Offset-1, "%v", se)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return p.errorAt(int64(len(p.data)), "unexpected end of the file")
	}
	return p.errorAt(at, "%v", err)
}

func (p *baselineParser) delim(want json.Delim, what string) error {
	at := p.dec.InputOffset()
	tok, err := p.dec.Token()
	if err != nil {
		return p.fail(at, err)
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return p.errorAt(at, "expected %s", what)
	}
	return nil
}

func (p *baselineParser) parse(b *Baseline) error {
	if err := p.delim('{', `a JSON object {"version": 1, "findings": [...]}`); err != nil {
		return err
	}
	version := 0
	for p.dec.More() {
		at := p.dec.InputOffset()
		tok, err := p.dec.Token()
		if err != nil {
			return p.fail(at, err)
		}
		switch key, _ := tok.(string); key {
		case "version":
			at = p.dec.InputOffset()
			if err := p.dec.Decode(&version); err != nil {
				var te *json.UnmarshalTypeError
				if errors.As(err, &te) {
					return p.errorAt(at, "version must be a number, not a %s", te.Value)
				}
				return p.fail(at, err)
			}
			if version != BaselineVersion {
				return p.errorAt(at, "version %d is not supported (this rampart reads version %d)", version, BaselineVersion)
			}
		case "findings":
			if err := p.entries(b); err != nil {
				return err
			}
		default:
			return p.errorAt(at, "unknown key %q (keys: version, findings)", key)
		}
	}
	if err := p.delim('}', "the end of the object"); err != nil {
		return err
	}
	if at := p.dec.InputOffset(); len(bytes.TrimSpace(p.data[at:])) > 0 {
		return p.errorAt(at, "text after the end of the baseline")
	}
	if version == 0 {
		return p.errorAt(0, `no "version" (the first line of a baseline written by --write-baseline is {"version": 1, ...})`)
	}
	return nil
}

func (p *baselineParser) entries(b *Baseline) error {
	if err := p.delim('[', "a list of findings"); err != nil {
		return err
	}
	for p.dec.More() {
		at := p.dec.InputOffset()
		var raw json.RawMessage
		if err := p.dec.Decode(&raw); err != nil {
			return p.fail(at, err)
		}
		var e Entry
		strict := json.NewDecoder(bytes.NewReader(raw))
		strict.DisallowUnknownFields()
		if err := strict.Decode(&e); err != nil {
			return p.errorAt(at, "finding: %v", err)
		}
		switch {
		case e.RuleID == "":
			return p.errorAt(at, "finding has no rule_id")
		case e.File == "":
			return p.errorAt(at, "finding has no file")
		case e.Resource == "":
			return p.errorAt(at, "finding has no resource")
		}
		if _, dup := b.entries[e]; !dup {
			b.entries[e] = p.lineOf(at)
		}
	}
	return p.delim(']', "the end of the findings list")
}

// lineOf is the line of the token at or after byte offset off.
func (p *baselineParser) lineOf(off int64) int {
	off = min(max(off, 0), int64(len(p.data)))
	for off < int64(len(p.data)) && strings.IndexByte(" \t\r\n,:", p.data[off]) >= 0 {
		off++
	}
	return 1 + bytes.Count(p.data[:off], []byte("\n"))
}
