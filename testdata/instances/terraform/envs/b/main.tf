variable "open" {
  type    = list(string)
  default = ["0.0.0.0/0"]
}

module "web" {
  source = "../../modules/sg"
  cidrs  = var.open
}

# The same line with another port: a different finding, not an instance.
module "rdp" {
  source = "../../modules/sg"
  port   = 3389
  cidrs  = var.open
}

module "many" {
  count  = 2
  source = "../../modules/sg"
  cidrs  = var.open
}
