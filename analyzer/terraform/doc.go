// Package terraform is rampart's Terraform HCL front-end: it reads the .tf and
// .tf.json files of every root module of a scan, evaluates them the way
// Terraform would before apply (override files, variables, locals, built-in
// functions, count/for_each, dynamic blocks in either syntax, local and
// downloaded child modules), and produces one graph.Unit per root module.
//
// Evaluation is lazy and memoized: a local, a module input or output, or an
// attribute of another resource is evaluated when something reads it, which
// gives Terraform's ordering without building its graph and finds reference
// cycles on the evaluation stack. Every expression is evaluated twice over:
// go-cty gives the value (so Terraform's semantics, unknowns included, come
// from the same libraries Terraform uses), and a graph.Value "shadow" records
// where each part of it was written and which variables, locals and module
// boundaries it crossed. See docs/terraform.md.
package terraform
