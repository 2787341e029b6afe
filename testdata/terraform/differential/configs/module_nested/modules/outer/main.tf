variable "prefix" {}
module "inner" {
  source = "../inner"
  value  = "${var.prefix}-outer"
}
output "deep" { value = module.inner.result }
