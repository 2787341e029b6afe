variable "name" {}
variable "count_n" { type = number }
variable "tags" { type = map(string) }
output "name" { value = var.name }
output "count_n" { value = var.count_n }
output "tags" { value = var.tags }
