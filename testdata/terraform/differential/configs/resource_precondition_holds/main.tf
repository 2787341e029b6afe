variable "names" { default = ["a", "b"] }
resource "terraform_data" "x" {
  for_each = toset(var.names)
  input    = each.key
  lifecycle {
    precondition {
      condition     = length(each.key) == 1
      error_message = "name ${each.key} is too long."
    }
    postcondition {
      condition     = self.input == each.key
      error_message = "input is not the key."
    }
  }
}
output "inputs" { value = [for k, r in terraform_data.x : r.input] }
