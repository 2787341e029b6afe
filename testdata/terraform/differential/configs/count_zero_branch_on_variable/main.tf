# Terraform validates a body without instances with its variables Unknown,
# so the branch a known variable would choose is not checked there: the
# wrong number of arguments below fails neither validation nor the plan.
variable "on" {
  type    = bool
  default = true
}

resource "terraform_data" "x" {
  count = 0
  input = var.on ? length("a", "b") : "x"
}

output "n" { value = length(terraform_data.x) }
