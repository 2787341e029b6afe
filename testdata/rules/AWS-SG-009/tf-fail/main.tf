provider "aws" {
  region = "eu-west-1"
  default_tags {
    tags = {
      Environment = "prod"
    }
  }
}

locals {
  common_tags = {
    Application = "shop"
  }
}

resource "aws_security_group" "web" {
  name        = "web-sg"
  description = "Web tier"
  tags = merge(local.common_tags, { # expect: AWS-SG-009
    Name = "web"
  })
}

resource "aws_security_group" "db" { # expect: AWS-SG-009
  name        = "db-sg"
  description = "Database tier: only the provider default tags"
}
