locals {
  mixed  = [{ a = 1 }, { a = 2, b = "x" }]
  tuple  = [1, "2", true]
  mapobj = { x = { a = 1 }, y = { a = 2 } }
}
output "mixed" { value = local.mixed }
output "as_list" { value = tolist(local.tuple) }
output "as_map" { value = tomap(local.mapobj) }
output "concat" { value = concat(local.tuple, ["z"]) }
output "merged" { value = merge(local.mapobj, { z = "string" }) }
