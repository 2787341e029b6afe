resource "terraform_data" "x" {
  input = 3
  lifecycle {
    postcondition {
      condition     = self.id == "never"
      error_message = "id is only known after apply."
    }
    postcondition {
      condition     = self.output == 4
      error_message = "output is only known after apply."
    }
  }
}
output "x" { value = terraform_data.x.input }
