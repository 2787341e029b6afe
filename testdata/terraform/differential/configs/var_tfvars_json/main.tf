variable "name" {}
variable "list" { type = list(string) }
variable "obj" { type = any }
variable "untyped" {}
output "name" { value = var.name }
output "list" { value = var.list }
output "obj" { value = var.obj }
output "untyped" { value = var.untyped }
