module "svc" {
  count  = 3
  source = "./modules/svc"
  name   = "svc-${count.index}"
}
output "names" { value = module.svc[*].name }
output "second" { value = module.svc[1].name }
