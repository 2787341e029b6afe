resource "terraform_data" "x" {
  count = 0
  lifecycle {
    precondition {
      condition     = local.nope
      error_message = "never checked, but validated."
    }
  }
}
