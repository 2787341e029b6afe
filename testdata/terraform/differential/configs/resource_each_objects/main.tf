variable "users" {
  default = [
    { name = "ann", groups = ["admin"] },
    { name = "bob", groups = [] },
  ]
}
resource "terraform_data" "user" {
  for_each = { for u in var.users : u.name => u }
  input    = "${each.value.name}:${join(",", each.value.groups)}"
}
output "users" { value = { for k, u in terraform_data.user : k => u.input } }
