package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/result"
)

// SARIF 2.1.0 (OASIS). The types below are the subset of the object model
// rampart fills; field names and nesting follow the specification, and the
// tests validate every report against the official JSON Schema.

const (
	sarifVersion = "2.1.0"
	sarifSchema  = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	// sarifSrcRoot is the uriBaseId of every file: the directory the
	// scan's paths are relative to. Its absolute path is left out of the
	// report, so the report is the same on every machine.
	sarifSrcRoot = "SRCROOT"
	// sarifFingerprintKey names rampart's logical fingerprint among the
	// partial fingerprints; the /v1 changes if its recipe ever does.
	sarifFingerprintKey = "rampartFingerprint/v1"
	toolURI             = "https://github.com/rampart-iac/rampart"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                   `json:"tool"`
	Invocations        []sarifInvocation           `json:"invocations"`
	OriginalURIBaseIDs map[string]sarifArtifactLoc `json:"originalUriBaseIds"`
	Results            []sarifResult               `json:"results"`
	Properties         map[string]any              `json:"properties,omitempty"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
	// Extensions are the user policy sources, each pinned at its
	// revision (a commit, a bundle revision) and the digest of its files.
	Extensions []sarifExtension `json:"extensions,omitempty"`
}

type sarifExtension struct {
	Name       string         `json:"name"`
	Version    string         `json:"version,omitempty"`
	Properties map[string]any `json:"properties"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifHelp struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown"`
}

type sarifRule struct {
	ID                   string            `json:"id"`
	Name                 string            `json:"name,omitempty"`
	ShortDescription     sarifText         `json:"shortDescription"`
	FullDescription      sarifText         `json:"fullDescription"`
	Help                 sarifHelp         `json:"help"`
	HelpURI              string            `json:"helpUri,omitempty"`
	DefaultConfiguration sarifRuleConfig   `json:"defaultConfiguration"`
	Properties           sarifRuleProperty `json:"properties"`
}

type sarifRuleConfig struct {
	Level string `json:"level"`
}

type sarifRuleProperty struct {
	SecuritySeverity string   `json:"security-severity"`
	Severity         string   `json:"severity"`
	Tags             []string `json:"tags"`
	// Equivalents are the checks of other tools covering the same ground
	// ("checkov:CKV_AWS_24"), so suppressions can be mapped.
	Equivalents []string `json:"equivalents,omitempty"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications"`
}

type sarifNotification struct {
	Level          string          `json:"level"`
	Message        sarifText       `json:"message"`
	Locations      []sarifLocation `json:"locations,omitempty"`
	AssociatedRule *sarifRuleRef   `json:"associatedRule,omitempty"`
	Properties     map[string]any  `json:"properties,omitempty"`
}

type sarifRuleRef struct {
	ID    string `json:"id"`
	Index int    `json:"index"`
}

type sarifArtifactLoc struct {
	URI         string     `json:"uri,omitempty"`
	URIBaseID   string     `json:"uriBaseId,omitempty"`
	Description *sarifText `json:"description,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLoc `json:"artifactLocation"`
	Region           *sarifRegion     `json:"region,omitempty"`
}

type sarifLogicalLocation struct {
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Kind               string `json:"kind,omitempty"`
}

type sarifLocation struct {
	ID               *int                   `json:"id,omitempty"`
	PhysicalLocation *sarifPhysicalLocation `json:"physicalLocation,omitempty"`
	LogicalLocations []sarifLogicalLocation `json:"logicalLocations,omitempty"`
	Message          *sarifText             `json:"message,omitempty"`
}

type sarifThreadFlowLocation struct {
	Location sarifLocation `json:"location"`
}

type sarifThreadFlow struct {
	Locations []sarifThreadFlowLocation `json:"locations"`
}

type sarifCodeFlow struct {
	Message     *sarifText        `json:"message,omitempty"`
	ThreadFlows []sarifThreadFlow `json:"threadFlows"`
}

type sarifSuppression struct {
	Kind          string         `json:"kind"`
	Status        string         `json:"status"`
	Justification string         `json:"justification,omitempty"`
	Location      *sarifLocation `json:"location,omitempty"`
	Properties    map[string]any `json:"properties,omitempty"`
}

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	RuleIndex           int                `json:"ruleIndex"`
	Level               string             `json:"level"`
	Message             sarifText          `json:"message"`
	Locations           []sarifLocation    `json:"locations"`
	PartialFingerprints map[string]string  `json:"partialFingerprints,omitempty"`
	RelatedLocations    []sarifLocation    `json:"relatedLocations,omitempty"`
	CodeFlows           []sarifCodeFlow    `json:"codeFlows,omitempty"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
	Properties          map[string]any     `json:"properties,omitempty"`
}

type sarifWriter struct{ opts Options }

func newSARIF(opts Options) Writer { return sarifWriter{opts: opts} }

// Write renders res as one SARIF log with one run. Findings, suppressed ones
// included, are results; undecided checks, warnings and errors are tool
// execution notifications, and any error (a file that failed to parse, a
// rule that failed) makes the invocation unsuccessful.
func (sw sarifWriter) Write(w io.Writer, res *result.Result) error {
	rules := sarifCatalogue(res)
	index := map[string]int{}
	for i, r := range rules {
		index[r.ID] = i
	}
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name: sw.opts.Tool.Name, Version: sw.opts.Tool.Version, InformationURI: toolURI,
			Rules: make([]sarifRule, 0, len(rules)),
		}},
		OriginalURIBaseIDs: map[string]sarifArtifactLoc{
			sarifSrcRoot: {Description: &sarifText{Text: "The directory rampart was run in; every path is relative to it."}},
		},
		Results: []sarifResult{},
	}
	if run.Tool.Driver.Name == "" {
		run.Tool.Driver.Name = "rampart"
	}
	for _, r := range rules {
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRuleOf(r))
	}
	for _, p := range res.Policies {
		run.Tool.Extensions = append(run.Tool.Extensions, sarifExtension{
			Name: p.Path, Version: p.Revision,
			Properties: map[string]any{"kind": p.Kind, "digest": p.Digest, "files": p.Files},
		})
	}
	for _, f := range sortedFindings(res.Findings) {
		run.Results = append(run.Results, sarifResultOf(f, index[f.RuleID]))
	}
	run.Invocations = []sarifInvocation{sarifInvocationOf(res, index)}
	doc := sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}}
	// Messages quote template text such as "<" and "&"; keep them readable.
	if err := writeIndentedJSON(w, doc); err != nil {
		return fmt.Errorf("writing sarif report: %w", err)
	}
	return nil
}

// sarifCatalogue is every rule that ran, sorted by ID, plus any rule a
// result names that the catalogue lacks (a result built by hand), so every
// ruleIndex resolves.
func sarifCatalogue(res *result.Result) []result.Rule {
	known := map[string]bool{}
	rules := append([]result.Rule{}, res.Rules...)
	for _, r := range rules {
		known[r.ID] = true
	}
	add := func(id, name, title string, sev result.Severity) {
		if !known[id] {
			known[id] = true
			rules = append(rules, result.Rule{ID: id, Name: name, Title: title, Severity: sev})
		}
	}
	for _, f := range res.Findings {
		add(f.RuleID, f.RuleName, f.Title, f.Severity)
	}
	for _, u := range res.Undecided {
		add(u.RuleID, u.RuleName, u.RuleName, u.Severity)
	}
	return sortedRules(rules)
}

// sarifLevel maps a severity onto SARIF's levels: what breaks the build in
// most gates is an error.
func sarifLevel(s result.Severity) string {
	switch s {
	case result.SeverityCritical, result.SeverityHigh:
		return "error"
	case result.SeverityMedium:
		return "warning"
	}
	return "note"
}

// securitySeverity is the score GitHub code scanning reads to rank an
// alert: above 9.0 is critical, 7.0 to 8.9 high, 4.0 to 6.9 medium, below
// 4.0 low.
func securitySeverity(s result.Severity) string {
	switch s {
	case result.SeverityCritical:
		return "9.5"
	case result.SeverityHigh:
		return "8.0"
	case result.SeverityMedium:
		return "5.5"
	}
	return "2.0"
}

func sarifRuleOf(r result.Rule) sarifRule {
	title := firstNonEmpty(r.Title, r.Name, r.ID)
	tags := []string{"security", "iac"}
	tags = append(tags, r.Kinds...)
	if r.Profile != "" {
		tags = append(tags, "profile:"+r.Profile)
	}
	out := sarifRule{
		ID:                   r.ID,
		Name:                 r.Name,
		ShortDescription:     sarifText{Text: title},
		FullDescription:      sarifText{Text: firstNonEmpty(strings.TrimSpace(r.Description), title)},
		Help:                 sarifHelp{Text: ruleHelpText(r), Markdown: ruleHelpMarkdown(r)},
		DefaultConfiguration: sarifRuleConfig{Level: sarifLevel(r.Severity)},
		Properties:           sarifRuleProperty{SecuritySeverity: securitySeverity(r.Severity), Severity: r.Severity.String(), Tags: tags, Equivalents: r.Equivalents},
	}
	for _, ref := range r.References {
		if strings.HasPrefix(ref, "https://") {
			out.HelpURI = ref
			break
		}
	}
	return out
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// ruleHelpText is the rule's help as plain text: what it checks, the fix
// (rules write one remediation that holds for CloudFormation and
// Terraform, naming both where they differ), what it applies to and where
// to read more.
func ruleHelpText(r result.Rule) string {
	var b strings.Builder
	b.WriteString(firstNonEmpty(r.Title, r.Name, r.ID))
	if d := strings.TrimSpace(r.Description); d != "" {
		b.WriteString("\n\n" + d)
	}
	if rem := strings.TrimSpace(r.Remediation); rem != "" {
		b.WriteString("\n\nRemediation (CloudFormation and Terraform):\n" + rem)
	}
	if len(r.Kinds) > 0 {
		b.WriteString("\n\nApplies to: " + strings.Join(r.Kinds, ", "))
	}
	if len(r.References) > 0 {
		b.WriteString("\n\nReferences:")
		for _, ref := range r.References {
			b.WriteString("\n- " + ref)
		}
	}
	b.WriteString("\n\nExplain: rampart explain " + r.ID)
	return b.String()
}

func ruleHelpMarkdown(r result.Rule) string {
	var b strings.Builder
	b.WriteString("**" + mdEscape(firstNonEmpty(r.Title, r.Name, r.ID)) + "**")
	if d := strings.TrimSpace(r.Description); d != "" {
		b.WriteString("\n\n" + mdParagraphs(d))
	}
	if rem := strings.TrimSpace(r.Remediation); rem != "" {
		b.WriteString("\n\n#### Remediation (CloudFormation and Terraform)\n\n" + mdParagraphs(rem))
	}
	if len(r.Kinds) > 0 {
		kinds := make([]string, len(r.Kinds))
		for i, k := range r.Kinds {
			kinds[i] = mdCode(k)
		}
		b.WriteString("\n\nApplies to: " + strings.Join(kinds, ", "))
	}
	if len(r.References) > 0 {
		b.WriteString("\n\n#### References\n")
		for _, ref := range r.References {
			b.WriteString("\n- " + mdLinkOrText(ref))
		}
	}
	b.WriteString("\n\nExplain: " + mdCode("rampart explain "+r.ID))
	return b.String()
}

func sarifRegionOf(l graph.Location) *sarifRegion {
	if l.StartLine <= 0 {
		return nil
	}
	l = l.Normalized()
	reg := &sarifRegion{StartLine: l.StartLine, EndLine: l.EndLine}
	if l.StartCol > 0 {
		reg.StartColumn = l.StartCol
		// An end column is kept only where it follows the start.
		if l.EndCol > 0 && (l.EndLine > l.StartLine || l.EndCol > l.StartCol) {
			reg.EndColumn = l.EndCol
		}
	}
	return reg
}

// sarifPhysical is the physical location of l, or nil when l names no file
// (a value given on the command line).
func sarifPhysical(l graph.Location) *sarifPhysicalLocation {
	if l.File == "" {
		return nil
	}
	return &sarifPhysicalLocation{
		ArtifactLocation: sarifArtifactLoc{URI: sarifURI(l.File), URIBaseID: sarifSrcRoot},
		Region:           sarifRegionOf(l),
	}
}

// sarifURI turns a report path into a relative URI reference: forward
// slashes, each segment percent-encoded where RFC 3986 requires.
func sarifURI(file string) string {
	segs := strings.Split(strings.ReplaceAll(file, `\`, "/"), "/")
	for i, s := range segs {
		segs[i] = escapeURISegment(s)
	}
	return strings.Join(segs, "/")
}

func escapeURISegment(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isURIUnreserved(c) || strings.IndexByte("!$&'()*+,;=:@", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

func isURIUnreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~", c) >= 0
}

func sarifResultOf(f result.Finding, ruleIndex int) sarifResult {
	loc := sarifLocation{PhysicalLocation: sarifPhysical(f.Location)}
	if f.Resource.ID != "" {
		loc.LogicalLocations = []sarifLogicalLocation{{FullyQualifiedName: f.Resource.ID, Kind: "resource"}}
	}
	out := sarifResult{
		RuleID:    f.RuleID,
		RuleIndex: ruleIndex,
		Level:     sarifLevel(f.Severity),
		Message:   sarifText{Text: firstNonEmpty(f.Message, f.Title, f.RuleID)},
		Locations: []sarifLocation{loc},
		Properties: map[string]any{
			"severity": f.Severity.String(),
		},
	}
	if f.Fingerprint != "" {
		out.PartialFingerprints = map[string]string{sarifFingerprintKey: f.Fingerprint}
	}
	if f.Resource.Type != "" {
		out.Properties["resourceType"] = f.Resource.Type
	}
	if f.Resource.Kind != "" {
		out.Properties["resourceKind"] = f.Resource.Kind
	}
	if f.Path != "" {
		out.Properties["attribute"] = f.Path
	}
	if f.Remediation != "" {
		out.Properties["remediation"] = f.Remediation
	}
	if len(f.Notes) > 0 {
		out.Properties["notes"] = append([]string{}, f.Notes...)
	}
	out.RelatedLocations = sarifRelated(f)
	if flow := sarifThread(f.Trace); flow != nil {
		out.CodeFlows = []sarifCodeFlow{{
			Message:     &sarifText{Text: "where the value comes from, origin first"},
			ThreadFlows: []sarifThreadFlow{*flow},
		}}
	}
	if f.Suppressed {
		out.Suppressions = []sarifSuppression{sarifSuppressionOf(f.Suppression)}
	}
	return out
}

// sarifRelated lists the provenance hops of the finding's value, then the
// other instances of a finding in a shared module or nested template (the
// first instance is the finding itself).
func sarifRelated(f result.Finding) []sarifLocation {
	var out []sarifLocation
	next := func() *int { id := len(out) + 1; return &id }
	for _, h := range f.Trace {
		out = append(out, sarifLocation{ID: next(), PhysicalLocation: sarifPhysical(h.Location), Message: &sarifText{Text: hopNote(h)}})
	}
	for i, in := range f.Instances {
		if i == 0 {
			continue
		}
		loc := sarifLocation{
			ID:               next(),
			Message:          &sarifText{Text: instanceText(in)},
			LogicalLocations: []sarifLogicalLocation{{FullyQualifiedName: in.Address(), Kind: "resource"}},
		}
		// The hop nearest the resource is where this instance's value
		// enters the shared file: the call site.
		for j := len(in.Trace) - 1; j >= 0; j-- {
			if in.Trace[j].Known() {
				loc.PhysicalLocation = sarifPhysical(in.Trace[j].Location)
				break
			}
		}
		out = append(out, loc)
	}
	return out
}

func hopNote(h graph.Hop) string { return firstNonEmpty(h.Note, "value passes here") }

func instanceText(in result.Instance) string {
	root := in.Root
	if root == "" {
		root = "."
	}
	return "also in " + root + ": " + in.Address()
}

func sarifThread(t graph.Trace) *sarifThreadFlow {
	if len(t) == 0 {
		return nil
	}
	flow := &sarifThreadFlow{}
	for _, h := range t {
		flow.Locations = append(flow.Locations, sarifThreadFlowLocation{Location: sarifLocation{
			PhysicalLocation: sarifPhysical(h.Location),
			Message:          &sarifText{Text: hopNote(h)},
		}})
	}
	return flow
}

// sarifSuppressionOf maps where a suppression was written onto SARIF's
// kinds: a comment or resource metadata is in the source, a configuration
// entry or a baseline is external.
func sarifSuppressionOf(s *result.Suppression) sarifSuppression {
	if s == nil {
		return sarifSuppression{Kind: "external", Status: "accepted"}
	}
	out := sarifSuppression{Kind: "external", Status: "accepted", Justification: s.Reason, Properties: map[string]any{"source": s.Source}}
	if s.Source == "inline" || s.Source == "metadata" {
		out.Kind = "inSource"
	}
	if s.Until != "" {
		out.Properties["until"] = s.Until
	}
	if s.Location.Known() {
		out.Location = &sarifLocation{PhysicalLocation: sarifPhysical(s.Location)}
	}
	return out
}

// sarifInvocationOf reports what the run could not do: errors (files that
// failed, rules that failed), warnings, and undecided checks, each located.
func sarifInvocationOf(res *result.Result, ruleIndex map[string]int) sarifInvocation {
	inv := sarifInvocation{ExecutionSuccessful: len(res.Errors) == 0, ToolExecutionNotifications: []sarifNotification{}}
	diag := func(d graph.Diagnostic) sarifNotification {
		n := sarifNotification{Level: diagnosticLevel(d.Severity), Message: sarifText{Text: diagnosticText(d)}}
		if p := sarifPhysical(d.Location); p != nil {
			n.Locations = []sarifLocation{{PhysicalLocation: p}}
		}
		if d.Resource != "" {
			n.Properties = map[string]any{"resource": d.Resource}
		}
		return n
	}
	for _, d := range sortedDiagnostics(res.Errors) {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, diag(d))
	}
	for _, f := range failedWithoutError(res) {
		inv.ExecutionSuccessful = false
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotification{
			Level:     "error",
			Message:   sarifText{Text: f.Path + ": " + firstNonEmpty(f.Reason, "could not be analysed")},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysical(graph.Location{File: f.Path})}},
		})
	}
	for _, d := range sortedDiagnostics(res.Warnings) {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, diag(d))
	}
	for _, u := range sortedUndecided(res.Undecided) {
		n := sarifNotification{
			Level:          "note",
			Message:        sarifText{Text: undecidedText(u)},
			AssociatedRule: &sarifRuleRef{ID: u.RuleID, Index: ruleIndex[u.RuleID]},
			Properties:     map[string]any{"undecided": true},
		}
		if p := sarifPhysical(u.Location); p != nil {
			n.Locations = []sarifLocation{{PhysicalLocation: p}}
		}
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, n)
	}
	return inv
}

func diagnosticLevel(s graph.Severity) string {
	switch s {
	case graph.SeverityError:
		return "error"
	case graph.SeverityWarning:
		return "warning"
	}
	return "note"
}

func diagnosticText(d graph.Diagnostic) string {
	if d.Detail != "" {
		return d.Summary + ": " + d.Detail
	}
	return d.Summary
}

// undecidedText says which rule could not decide on which resource, and why.
func undecidedText(u result.Undecided) string {
	text := "undecided: " + strings.TrimSpace(u.RuleID+" "+u.RuleName)
	if u.Resource.ID != "" {
		text += " on " + u.Resource.ID
	}
	why := u.Reason
	if u.Path != "" {
		why = u.Path + ": " + why
	}
	if why != "" {
		text += " (" + why + ")"
	}
	return text
}
