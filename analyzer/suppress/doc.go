// Package suppress applies suppressions and the baseline to a scan's
// findings: inline `rampart:ignore` comments in Terraform and CloudFormation
// YAML, CloudFormation resource Metadata, the configuration file's `ignore:`
// entries, and a baseline file of known findings.
//
// A suppressed finding is not dropped: it stays in the result, marked with
// the suppression that covers it, so every report can show it. What the
// suppressions themselves get wrong is said with a diagnostic at the place
// they are written: an unknown rule or a malformed comment is an error (the
// run cannot be trusted to mean what its author meant), an expired
// suppression, one without a reason and one that matched nothing are
// warnings.
package suppress
