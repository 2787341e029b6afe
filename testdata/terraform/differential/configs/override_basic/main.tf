locals {
  env = "dev"
}
variable "size" {
  default = 1
}
output "env" { value = local.env }
output "size" { value = var.size }
