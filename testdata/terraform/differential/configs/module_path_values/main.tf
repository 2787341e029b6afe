module "m" {
  source = "./sub/child"
}
output "root_module" { value = path.module }
output "root_root" { value = path.root }
output "child_module" { value = module.m.module }
output "child_root" { value = module.m.root }
output "child_file" { value = module.m.file }
