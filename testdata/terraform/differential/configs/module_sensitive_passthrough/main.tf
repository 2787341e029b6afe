module "m" {
  source = "./child"
}
output "x" {
  value     = module.m.o
  sensitive = true
}
output "is_sensitive" { value = issensitive(module.m.o) }
