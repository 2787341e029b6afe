// Package graph is rampart's normalized resource graph: the one shape that
// every front-end (CloudFormation, Terraform HCL, Terraform plan) produces and
// every later stage (normalizers, the policy engine, reports) consumes.
//
// The model has four parts:
//
//   - Value: a tree of JSON-like values (null, bool, number, string, list,
//     map) plus a distinct Unknown kind for anything that cannot be known
//     before deployment. Every value carries the Location where it was
//     written and its provenance Trace (the hops it took from the literal to
//     where it is used), so a finding can point at the exact line and say
//     where the offending value came from.
//   - Resource: one native resource (a CloudFormation logical resource or a
//     Terraform resource instance) with its attributes as a map Value.
//   - Edge: a reference from one resource to another (Ref, Fn::GetAtt,
//     Fn::Sub, DependsOn, a Terraform traversal).
//   - Diagnostic: a problem in the user's input, with its location; the
//     analyzer's one error currency for user input, as in hashicorp/hcl.
//
// Values are built once by a front-end and treated as immutable afterwards;
// stages that need a changed value build a new one (With* helpers) so that
// shared sub-trees are never mutated behind another stage's back.
package graph
