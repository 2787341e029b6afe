variable "l" {
  type    = list
  default = ["a", "b"]
}
variable "m" {
  type    = map
  default = { a = "x" }
}
output "l" { value = var.l }
output "m" { value = var.m }
