variable "name" {}
module "inner" {
  count  = 2
  source = "../inner"
  name   = "${var.name}-${count.index}"
}
output "names" { value = module.inner[*].name }
