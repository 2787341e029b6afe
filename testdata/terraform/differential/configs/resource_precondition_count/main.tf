variable "limit" { default = 1 }
resource "terraform_data" "x" {
  count = 2
  input = count.index
  lifecycle {
    precondition {
      condition     = count.index < var.limit
      error_message = "index ${count.index} is not below ${var.limit}."
    }
  }
}
