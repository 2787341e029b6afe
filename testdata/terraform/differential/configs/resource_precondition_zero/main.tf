resource "terraform_data" "x" {
  count = 0
  input = 1
  lifecycle {
    precondition {
      condition     = count.index > 5
      error_message = "no instance, no check."
    }
  }
}
output "n" { value = length(terraform_data.x) }
