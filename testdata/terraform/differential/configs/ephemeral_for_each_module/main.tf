variable "names" {
  type      = set(string)
  default   = ["a"]
  ephemeral = true
}
module "m" {
  source   = "./modules/m"
  for_each = var.names
}
