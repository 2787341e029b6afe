// Package cloudformation is rampart's CloudFormation front-end: it turns a
// template (JSON, YAML or SAM) and the local nested stacks it references into
// a graph.Unit.
//
// The work happens in three steps:
//
//   - Reading. YAML is read through yaml.Node and JSON through
//     encoding/json tokens into one tree of nodes that keeps the exact start
//     and end of every value and key. Short-form tags become their long form,
//     YAML aliases are expanded (and counted), duplicate keys are reported.
//   - Expansion. Fn::ForEach loops (AWS::LanguageExtensions) are unrolled and
//     SAM resources are replaced by the resources the SAM transform would
//     generate, still as nodes, so both look like any other resource to the
//     evaluator.
//   - Evaluation. Parameters, conditions and intrinsic functions are
//     resolved lazily, resource by resource. A value that cannot be known
//     before deployment is graph.Unknown, never a guess; a reference to
//     another resource is an Unknown carrying a graph.Ref plus a graph.Edge.
//     Values keep their provenance (the parameter default, mapping entry or
//     nested stack output they came from) in their Trace.
//
// Problems in the input are graph.Diagnostics with a file and line; Parse
// never panics and reads no nested template outside the scan root.
// docs/cloudformation.md describes the behaviour in detail.
package cloudformation
