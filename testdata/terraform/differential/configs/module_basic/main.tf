module "net" {
  source = "./modules/net"
  cidr   = "10.0.0.0/16"
}
output "subnets" { value = module.net.subnets }
output "name" { value = module.net.name }
