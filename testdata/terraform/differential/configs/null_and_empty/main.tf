variable "maybe" {
  type    = string
  default = null
}
resource "terraform_data" "n" {
  input = var.maybe
}
resource "terraform_data" "e" {
  input = { list = [], map = {}, str = "" }
}
output "maybe" { value = var.maybe }
output "coalesced" { value = coalesce(var.maybe, "dflt") }
output "empty" { value = terraform_data.e.input }
