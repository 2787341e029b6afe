# Credentials written into a Terraform configuration, everywhere it can hold
# a string.

provider "aws" {
  region     = "us-east-1"
  access_key = "AKIAJ7QWERTY20000001"                     # expect: AWS-SEC-001
  secret_key = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbQWERTYKEY7" # expect: AWS-SEC-001
}

variable "deploy_secret_key" {
  type    = string
  default = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbQWERTYKEY8" # expect: AWS-SEC-001
}

variable "ci_access_key" {
  type = string
}

locals {
  credentials = "[default]\naws_access_key_id = AKIAJ7QWERTY20000002\n" # expect: AWS-SEC-001
}

resource "aws_instance" "web" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  user_data     = "#!/bin/bash\nexport AWS_SECRET_ACCESS_KEY=${var.deploy_secret_key}\n" # expect: AWS-SEC-001
}

resource "aws_instance" "worker" {
  ami              = "ami-0123456789abcdef0"
  instance_type    = "t3.micro"
  user_data_base64 = "IyEvYmluL2Jhc2gKZWNobyBBS0lBSjdRV0VSVFkyMDAwMDAwMwo=" # expect: AWS-SEC-001
}

resource "aws_lambda_function" "app" {
  function_name = "app"
  role          = "arn:aws:iam::123456789012:role/app"
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "app.zip"
  environment {
    variables = {
      AWS_ACCESS_KEY_ID = var.ci_access_key
      CREDENTIALS_FILE  = local.credentials
    }
  }
}

resource "aws_ecs_task_definition" "app" {
  family = "app"
  container_definitions = jsonencode([{
    name  = "app"
    image = "nginx"
    environment = [
      { name = "AWS_SECRET_ACCESS_KEY", value = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbQWERTYKEY9" }, # expect: AWS-SEC-001
    ]
  }])
}

module "app" {
  source     = "./modules/app"
  access_key = "AKIAJ7QWERTY20000004" # expect: AWS-SEC-001
}

output "deploy_key_id" {
  value = "ASIAJ7QWERTY20000005" # expect: AWS-SEC-001
}
