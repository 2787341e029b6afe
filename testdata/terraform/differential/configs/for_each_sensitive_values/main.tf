# Sensitive map values and a count computed from a sensitive value are
# allowed; only a sensitive for_each itself is refused.
variable "s" {
  default   = "secret"
  sensitive = true
}
resource "terraform_data" "by_key" {
  for_each = { k = var.s }
  input    = each.key
}
resource "terraform_data" "counted" {
  count = length(var.s)
  input = count.index
}
output "keys" { value = keys(terraform_data.by_key) }
output "count" { value = length(terraform_data.counted) }
