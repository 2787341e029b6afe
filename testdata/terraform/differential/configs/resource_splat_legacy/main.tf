resource "terraform_data" "x" {
  count = 2
  input = { name = "n${count.index}" }
}
output "legacy" { value = terraform_data.x.*.input.name }
output "modern" { value = terraform_data.x[*].input.name }
