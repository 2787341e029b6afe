variable "token" {
  type      = string
  default   = "t"
  ephemeral = true
}

resource "terraform_data" "x" {
  count = length(var.token)
  input = "a"
}
