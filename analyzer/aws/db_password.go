package aws

import (
	"strings"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// Where a database's master password (or a cache's AUTH token) comes from:
// the values of the canonical property master_password_source (and
// auth_token_source). AWS-SEC-002 reports the plaintext ones.
const (
	// Plaintext in the repository.
	pwLiteral         = "literal"           // written in the template or configuration
	pwParameter       = "parameter"         // a CloudFormation parameter without NoEcho
	pwNoEchoDefault   = "no_echo_default"   // the literal Default of a NoEcho parameter
	pwVariableDefault = "variable_default"  // the literal default of a Terraform variable
	pwVariableFile    = "variable_file"     // a value of a Terraform variable set in a .tfvars file
	pwNoEcho          = "no_echo_parameter" // a NoEcho parameter given at deployment
	pwVariable        = "variable"          // a Terraform variable given at plan time (-var, TF_VAR_)
	pwSecretsManager  = "secrets_manager"   // {{resolve:secretsmanager:…}}, a secret version
	pwSSM             = "ssm"               // {{resolve:ssm-secure:…}}, an SSM parameter
	pwManaged         = "managed"           // ManageMasterUserPassword / manage_master_user_password
	pwGenerated       = "random_password"   // a random_password resource
	pwReference       = "reference"         // another resource's attribute, known at apply time
	pwNone            = "none"              // no password set
)

// passwordSource is the canonical source of a password attribute: a string
// located where the password is written, with the password's trace, so a
// finding points at the line and shows where the value came from. managed
// is the attribute that asks AWS to manage the password (nil when absent).
func passwordSource(idx *unitIndex, r *graph.Resource, password, managed *graph.Value) *graph.Value {
	if m := boolean(managed); m != nil && m.Kind == graph.KindBool && m.Bool {
		return graph.String(pwManaged, m.Loc)
	}
	if password == nil {
		if m := boolean(managed); m != nil && m.Kind == graph.KindUnknown {
			u := graph.Unknown("whether AWS manages the password: "+m.Reason, m.Loc)
			u.Trace = m.Trace
			return u
		}
		return graph.String(pwNone, r.Loc)
	}
	src, reason := classifyPassword(idx, password)
	if src == "" {
		u := graph.Unknown(reason, password.Loc)
		u.Trace = password.Trace
		return u
	}
	v := graph.String(src, password.Loc)
	v.Trace = password.Trace
	return v
}

// classifyPassword reads a password value's provenance: its trace's origin
// (where it was first written, as the front-ends note it), the reason it
// is Unknown, or the resource it refers to. It returns "" and a reason
// when the source cannot be told (a condition choosing between values).
func classifyPassword(idx *unitIndex, v *graph.Value) (string, string) {
	origin := ""
	if len(v.Trace) > 0 {
		origin = v.Trace[0].Note
	}
	if v.Kind != graph.KindUnknown {
		if s, ok := v.AsString(); ok && s == "" {
			// An empty default ('Default: ""') sets no password.
			return pwNone, ""
		}
		switch {
		case strings.HasPrefix(origin, "default of NoEcho parameter "):
			return pwNoEchoDefault, ""
		case strings.HasPrefix(origin, "NoEcho parameter "), v.Sensitive && strings.Contains(origin, "NoEcho parameter"):
			return pwNoEcho, ""
		case strings.HasPrefix(origin, "default of parameter "), strings.Contains(origin, "(parameter "):
			return pwParameter, ""
		case strings.HasPrefix(origin, "default of variable "):
			return pwVariableDefault, ""
		case strings.HasPrefix(origin, "variable ") && strings.Contains(origin, " set in "):
			return pwVariableFile, ""
		case strings.HasPrefix(origin, "variable ") && strings.Contains(origin, " set by "):
			return pwVariable, ""
		}
		if s, ok := v.AsString(); ok && strings.HasPrefix(s, "{{resolve:") {
			return dynamicReference(s), ""
		}
		return pwLiteral, ""
	}
	if i := strings.Index(v.Reason, "dynamic reference {{resolve:"); i >= 0 {
		// Also inside Fn::Join or Fn::Sub with an unknown part.
		return dynamicReference(v.Reason[i+len("dynamic reference "):]), ""
	}
	if attr := resourceHop(v.Trace); attr != "" {
		// Read from another resource's attribute (a secret version's
		// secret_string), whatever that attribute was built from.
		return referenceSource(idx, v, attr), ""
	}
	switch {
	case strings.Contains(v.Reason, "SSM parameter"):
		return pwSSM, ""
	case strings.HasPrefix(origin, "NoEcho parameter "), strings.Contains(origin, "(NoEcho parameter "):
		return pwNoEcho, ""
	case strings.HasPrefix(origin, "parameter ") && strings.HasSuffix(origin, "(no value)"):
		return pwParameter, ""
	case strings.HasPrefix(origin, "variable ") && !strings.Contains(origin, " set "):
		return pwVariable, ""
	case v.Ref != nil:
		return referenceSource(idx, v, v.Ref.Resource), ""
	case computedAtApply(v.Reason):
		return referenceSource(idx, v, v.Reason), ""
	}
	return "", v.Reason
}

// resourceHop returns the note of the last hop that reads another
// resource's attribute ("attribute secret_string of
// aws_secretsmanager_secret_version.db"), or "".
func resourceHop(t graph.Trace) string {
	for i := len(t) - 1; i >= 0; i-- {
		if strings.HasPrefix(t[i].Note, "attribute ") && strings.Contains(t[i].Note, " of ") {
			return t[i].Note
		}
	}
	return ""
}

// computedAtApply reports whether an Unknown's reason says it is computed
// from a resource or data source (through functions and templates, which
// keep the first unknown part's reason), rather than chosen by an unknown
// condition, which may choose a literal.
func computedAtApply(reason string) bool {
	for _, s := range []string{"computed attribute ", "data source ", "known only after deployment", "Fn::ImportValue"} {
		if strings.Contains(reason, s) {
			return true
		}
	}
	return false
}

// dynamicReference is the source a {{resolve:service:…}} reference names.
func dynamicReference(ref string) string {
	switch {
	case strings.HasPrefix(ref, "{{resolve:secretsmanager:"):
		return pwSecretsManager
	case strings.HasPrefix(ref, "{{resolve:ssm"):
		return pwSSM
	}
	return pwReference
}

// referenceSource is the source of a password that is another resource's
// attribute, named by name (the reference, or the reason naming it): a
// generated password, a secret, or some other value.
func referenceSource(idx *unitIndex, v *graph.Value, name string) string {
	if r := idx.target(v, "random_password", "AWS::SecretsManager::Secret", "aws_secretsmanager_secret_version"); r != nil {
		name = r.Type
	}
	switch {
	case strings.Contains(name, "random_password"):
		return pwGenerated
	case strings.Contains(name, "secretsmanager"), strings.Contains(name, "SecretsManager"):
		return pwSecretsManager
	case strings.Contains(name, "aws_ssm_parameter"):
		return pwSSM
	}
	return pwReference
}

// dbPasswordMapper maps a database or cache kind: where its master password
// comes from, and the properties more sets.
type dbPasswordMapper struct {
	name string
	// types are the owner types; cfn and tf name the password and the
	// managed-password attributes in each framework ("" when none).
	types               []string
	property            string
	cfnPassword, cfnMgd string
	tfPassword, tfMgd   []string
	// more sets the kind's other properties (storage encryption, public
	// access, ...) on p; nil for a kind with none yet.
	more func(idx *unitIndex, r *graph.Resource, p *graph.Value)
}

func (m dbPasswordMapper) kind() string { return m.name }

func (m dbPasswordMapper) normalize(idx *unitIndex) []*graph.Canonical {
	var out []*graph.Canonical
	for _, r := range idx.ofTypes(m.types...) {
		if idx.stopped() {
			return out
		}
		var pw, mgd *graph.Value
		if r.Source == graph.SourceCloudFormation {
			pw, mgd = attr(r, m.cfnPassword), optionalAttr(r, m.cfnMgd)
		} else {
			for _, a := range m.tfPassword {
				if pw = attr(r, a); pw != nil {
					break
				}
			}
			for _, a := range m.tfMgd {
				if mgd = attr(r, a); mgd != nil {
					break
				}
			}
		}
		p := props(r)
		p.Set(m.property, passwordSource(idx, r, pw, mgd))
		if m.more != nil {
			m.more(idx, r, p)
		}
		out = append(out, &graph.Canonical{ID: r.ID, Native: r, Props: p})
	}
	return out
}

func optionalAttr(r *graph.Resource, key string) *graph.Value {
	if key == "" {
		return nil
	}
	return attr(r, key)
}
