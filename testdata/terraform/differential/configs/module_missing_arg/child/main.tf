variable "required" {}
output "r" { value = var.required }
