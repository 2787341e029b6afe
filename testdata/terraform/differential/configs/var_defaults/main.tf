variable "s" { default = "x" }
variable "n" {
  type    = number
  default = "42"
}
variable "l" {
  type    = list(string)
  default = ["a", 1, true]
}
variable "m" {
  type    = map(number)
  default = { a = 1, b = "2" }
}
variable "st" {
  type    = set(string)
  default = ["b", "a", "b"]
}
output "s" { value = var.s }
output "n" { value = var.n }
output "l" { value = var.l }
output "m" { value = var.m }
output "st" { value = var.st }
