module "src" {
  source = "./src"
}
resource "terraform_data" "x" {
  for_each = module.src.items
  input    = "${each.key}=${each.value}"
}
output "inputs" { value = [for k in sort(keys(terraform_data.x)) : terraform_data.x[k].input] }
