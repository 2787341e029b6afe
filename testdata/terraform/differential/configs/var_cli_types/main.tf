variable "s" { type = string }
variable "n" { type = number }
variable "l" { type = list(string) }
variable "m" { type = map(number) }
variable "u" {}
variable "b" { type = bool }
output "s" { value = var.s }
output "n" { value = var.n }
output "l" { value = var.l }
output "m" { value = var.m }
output "u" { value = var.u }
output "b" { value = var.b }
