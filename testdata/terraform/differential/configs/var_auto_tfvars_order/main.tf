variable "a" { default = "default" }
variable "b" { default = "default" }
variable "c" { default = "default" }
output "a" { value = var.a }
output "b" { value = var.b }
output "c" { value = var.c }
