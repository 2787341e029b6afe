provider "aws" {
  default_tags {
    tags = { Env = "prod" }
  }
}

provider "aws" {
  alias = "west"
  default_tags {
    tags = { Env = "west" }
  }
}

variable "cidrs" {
  type = list(string)
}

variable "groups" {
  type    = set(string)
  default = ["web", "db"]
}

variable "replicas" {
  type = number
}

module "sg" {
  source      = "./modules/sg"
  for_each    = var.groups
  name        = each.key
  cidr_blocks = var.cidrs
}

module "single" {
  source      = "./modules/sg"
  name        = "single"
  cidr_blocks = ["192.168.0.0/24"]
  providers = {
    aws = aws.west
  }
}

module "scaled" {
  source      = "./modules/sg"
  count       = var.replicas
  name        = "scaled"
  cidr_blocks = []
}

resource "aws_instance" "app" {
  ami                    = "ami-1"
  vpc_security_group_ids = [module.sg["web"].security_group_id, module.single.security_group_id]
  tags = {
    Rules = module.single.rule_count
  }
}

resource "aws_network_interface" "eni" {
  subnet_id       = "subnet-1"
  security_groups = module.single.all_ids
}
