resource "terraform_data" "x" {
  input = 3
  lifecycle {
    postcondition {
      condition     = self.input < 2
      error_message = "input is ${self.input}."
    }
  }
}
