locals {
  people = [
    { name = "ann", team = "a", age = 30 },
    { name = "bob", team = "b", age = 25 },
    { name = "cat", team = "a", age = 41 },
  ]
}
output "by_team" { value = { for p in local.people : p.team => p.name... } }
output "older" { value = [for p in local.people : p.name if p.age > 28] }
output "indexed" { value = { for i, p in local.people : p.name => i } }
output "nested" { value = flatten([for p in local.people : [for c in split("", p.name) : "${p.name}:${c}"]]) }
