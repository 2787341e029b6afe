provider "aws" {
  region = "eu-west-1"
  default_tags {
    tags = {
      Environment = "prod"
      Application = "shop"
    }
  }
}

variable "tier" {
  type = string
}

resource "aws_security_group" "web" {
  name        = "web-sg"
  description = "Web tier: Tier plus the provider default tags"
  tags = {
    Tier = "web"
  }
}

resource "aws_security_group" "db" {
  name        = "db-sg"
  description = "Tier value unknown, but the key is there"
  tags = {
    Tier = var.tier
  }
}
