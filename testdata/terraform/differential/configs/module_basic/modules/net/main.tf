variable "cidr" { type = string }
variable "name" { default = "net" }
output "subnets" { value = [for i in range(3) : cidrsubnet(var.cidr, 8, i)] }
output "name" { value = var.name }
