# A plan written by terraform itself (regen.sh): terraform_data resources
# with count and for_each, modules with count and for_each, variables from
# a tfvars file, a sensitive value, and values unknown until apply.

variable "env" {
  type = string
}

variable "sizes" {
  type = map(number)
}

variable "db_password" {
  type      = string
  sensitive = true
}

resource "terraform_data" "counted" {
  count = 2
  input = {
    name  = "${var.env}-${count.index}"
    index = count.index
  }
}

resource "terraform_data" "each" {
  for_each = var.sizes
  input = {
    name = each.key
    size = each.value
    tags = ["a", each.key]
  }
}

resource "terraform_data" "secret" {
  input = {
    user     = "admin"
    password = var.db_password
  }
}

resource "terraform_data" "later" {
  input = {
    from_output = terraform_data.counted[0].output
    from_id     = terraform_data.secret.id
    known       = terraform_data.counted[1].input.name
  }
  triggers_replace = [terraform_data.each["small"].id]
}

resource "terraform_data" "mixed" {
  input = [
    terraform_data.secret.output,
    "known",
    sensitive("hidden"),
    toset(["b", "a"]),
  ]
}

resource "terraform_data" "whole_secret" {
  input = var.db_password
}

module "app" {
  for_each = toset(["blue", "green"])
  source   = "./modules/app"
  name     = each.key
  upstream = terraform_data.later.output
}

module "leaf" {
  count  = 2
  source = "./modules/leaf"
  index  = count.index
}

output "app_names" {
  value = [for m in module.app : m.name]
}
