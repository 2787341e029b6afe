// Package plan is rampart's front-end for Terraform plan JSON, the output of
// `terraform show -json plan.out`.
//
// A plan is the most faithful Terraform input rampart can read: variables,
// locals, functions, count and for_each have all been evaluated by Terraform
// itself. What the plan lacks is source positions and the shape of the
// expressions behind each value. This package fills both gaps from what is
// available offline:
//
//   - Values come from planned_values (every resource instance of every
//     module). Attributes that resource_changes marks as unknown after apply
//     become graph.Unknown; sensitive ones are marked Sensitive.
//   - References come from the configuration section, which lists for every
//     attribute the references its expression makes. They become graph
//     Edges, and an unknown attribute whose expression is exactly one
//     resource attribute becomes a graph.UnknownRef, so normalizers can
//     fold rule resources into the resources they point at. References are
//     followed through module inputs (var.x) and module outputs
//     (module.net.id).
//   - Locations come from the configuration's .tf files when they sit
//     beside the plan (and below the scan root): each resource, attribute,
//     list element, map entry and nested block is located at its exact
//     range. Without them, every value is located at its own line in the
//     plan file, and values absent from the plan at the resource's
//     "address" line.
//
// Nothing is evaluated and nothing is fetched: the plan is data, the .tf
// files are only parsed for positions.
package plan
