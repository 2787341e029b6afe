variable "big" { type = number }
variable "precise" { type = number }
output "big" { value = var.big }
output "precise" { value = var.precise }
output "sum" { value = var.big + 1 }
