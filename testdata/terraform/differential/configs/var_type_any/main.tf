variable "a" {
  type    = any
  default = { x = [1, "two"], y = null }
}
variable "b" {
  type    = any
  default = [1, 2]
}
output "a" { value = var.a }
output "b" { value = var.b }
