# Credentials read at plan or apply time, and long strings that are no
# credentials.

provider "aws" {
  region = "us-east-1"
  assume_role {
    role_arn = "arn:aws:iam::123456789012:role/terraform"
  }
}

variable "secret_key" {
  type      = string
  sensitive = true
}

data "aws_secretsmanager_secret_version" "api" {
  secret_id = "app/api"
}

locals {
  build_sha    = "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12"
  policy_arn   = "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role"
  example_cidr = "10.0.0.0/16"
}

resource "aws_lambda_function" "app" {
  function_name    = "app"
  role             = "arn:aws:iam::123456789012:role/app"
  handler          = "index.handler"
  runtime          = "python3.12"
  filename         = "app.zip"
  source_code_hash = "dGhpcyBpcyBhIGhhc2ggb2YgdGhlIHppcCBhcmNoaXZlIGZpbGUu"
  environment {
    variables = {
      API_SECRET = data.aws_secretsmanager_secret_version.api.secret_string
      SECRET_KEY = var.secret_key
      BUILD_SHA  = local.build_sha
    }
  }
}

resource "aws_ecs_task_definition" "app" {
  family = "app"
  container_definitions = jsonencode([{
    name  = "app"
    image = "nginx@sha256:9b2a3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f809"
    secrets = [
      { name = "AWS_SECRET_ACCESS_KEY", valueFrom = "arn:aws:secretsmanager:us-east-1:123456789012:secret:app-AbCdEf" },
    ]
    environment = [
      { name = "CONTENT_HASH", value = local.build_sha },
    ]
  }])
}

module "app" {
  source     = "./modules/app"
  access_key = var.secret_key
}
