variable "region" {}
variable "zones" { type = list(string) }
variable "size" { type = number }
output "region" { value = var.region }
output "zones" { value = var.zones }
output "size" { value = var.size }
