variable "size" { default = 3 }
resource "terraform_data" "x" {
  input = var.size
  lifecycle {
    precondition {
      condition     = var.size < 2
      error_message = "size is too big."
    }
  }
}
