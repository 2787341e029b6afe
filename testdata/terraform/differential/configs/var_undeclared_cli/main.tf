variable "a" { default = "x" }
output "a" { value = var.a }
