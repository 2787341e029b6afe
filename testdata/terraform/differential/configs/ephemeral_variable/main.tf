variable "token" {
  type      = string
  default   = "t0k3n"
  ephemeral = true
}
resource "terraform_data" "t" {
  input = var.token
}
