resource "terraform_data" "new" {
  input = "renamed"
}
moved {
  from = terraform_data.old
  to   = terraform_data.new
}
removed {
  from = terraform_data.gone
  lifecycle {
    destroy = false
  }
}
check "input_set" {
  assert {
    condition     = terraform_data.new.input != ""
    error_message = "input must be set"
  }
}
output "new" { value = terraform_data.new.input }
