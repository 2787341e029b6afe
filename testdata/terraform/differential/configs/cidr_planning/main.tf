variable "vpc_cidr" { default = "10.20.0.0/16" }
locals {
  azs     = ["a", "b", "c"]
  subnets = { for i, az in local.azs : az => cidrsubnet(var.vpc_cidr, 4, i) }
}
resource "terraform_data" "subnet" {
  for_each = local.subnets
  input    = { az = each.key, cidr = each.value, gw = cidrhost(each.value, 1) }
}
output "subnets" { value = local.subnets }
