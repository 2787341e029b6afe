resource "terraform_data" "u" {
  for_each = toset(["carol", "alice", "bob"])
  input    = upper(each.value)
}
output "keys" { value = keys(terraform_data.u) }
output "inputs" { value = [for u in terraform_data.u : u.input] }
