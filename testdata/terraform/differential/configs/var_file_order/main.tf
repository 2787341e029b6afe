variable "x" { default = "default" }
variable "y" { default = "default" }
output "x" { value = var.x }
output "y" { value = var.y }
