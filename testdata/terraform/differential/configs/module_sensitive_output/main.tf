module "m" {
  source = "./child"
}
output "secret" {
  value     = module.m.secret
  sensitive = true
}
output "is_sensitive" { value = issensitive(module.m.secret) }
