variable "zones" { default = ["a", "b", "c"] }
resource "terraform_data" "subnet" {
  count = length(var.zones)
  input = { zone = var.zones[count.index], index = count.index, last = count.index == length(var.zones) - 1 }
}
output "last" { value = [for s in terraform_data.subnet : s.input.zone if s.input.last] }
