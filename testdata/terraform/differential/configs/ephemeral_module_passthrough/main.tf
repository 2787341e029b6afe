variable "token" {
  type      = string
  default   = "t0k3n"
  ephemeral = true
}
module "m" {
  source = "./modules/m"
  token  = var.token
}
resource "terraform_data" "x" {
  input = module.m.header
}
