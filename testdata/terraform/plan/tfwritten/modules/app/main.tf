variable "name" {
  type = string
}

variable "upstream" {
  type = any
}

resource "terraform_data" "app" {
  input = {
    name     = var.name
    upstream = var.upstream
  }
}

module "leaf" {
  source = "../leaf"
  index  = length(var.name)
}

output "name" {
  value = upper(var.name)
}
