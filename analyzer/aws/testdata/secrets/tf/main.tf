variable "db_password" {
  default = "hunter2hunter2"
}

variable "given" {
  type      = string
  sensitive = true
}

variable "from_file" {
  type = string
}

locals {
  conn = "postgres://app:pw@db"
}

resource "random_password" "db" {
  length = 24
}

data "aws_secretsmanager_secret_version" "db" {
  secret_id = "db"
}

resource "aws_db_instance" "default" {
  password = var.db_password
}

resource "aws_db_instance" "given" {
  password = var.given
}

resource "aws_db_instance" "file" {
  password = var.from_file
}

resource "aws_db_instance" "random" {
  password = random_password.db.result
}

resource "aws_db_instance" "secret" {
  password = data.aws_secretsmanager_secret_version.db.secret_string
}

resource "aws_db_instance" "literal" {
  password = "literal-password"
}

resource "aws_db_instance" "local" {
  password = local.conn
}

resource "aws_db_instance" "managed" {
  manage_master_user_password = true
}

resource "aws_db_instance" "replica" {
  replicate_source_db = "primary"
}

resource "aws_redshift_cluster" "dw" {
  manage_master_password = true
}

resource "aws_elasticache_replication_group" "cache" {
  description = "sessions"
  auth_token  = random_password.db.result
}

module "db" {
  source   = "./modules/db"
  password = "module-password"
}

provider "aws" {
  region     = "us-east-1"
  access_key = "AKIAJ7QWERTY12345678"
  secret_key = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbQWERTYKEY1"
}

resource "aws_instance" "web" {
  ami              = "ami-0123456789abcdef0"
  user_data_base64 = base64encode("#!/bin/bash\nexport AWS_ACCESS_KEY_ID=AKIAJ7QWERTY87654321\n")
}

resource "aws_ecs_task_definition" "app" {
  family = "app"
  container_definitions = jsonencode([{
    name = "app"
    environment = [
      { name = "AWS_SECRET_ACCESS_KEY", value = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbQWERTYKEY2" },
      { name = "IMAGE_DIGEST", value = "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12" },
    ]
  }])
}

output "key" {
  value = "AKIAJ7QWERTY11111111"
}

resource "aws_secretsmanager_secret_version" "db" {
  secret_id     = "db"
  secret_string = jsonencode({ password = var.given })
}

resource "aws_db_instance" "via_secret" {
  password = jsondecode(aws_secretsmanager_secret_version.db.secret_string)["password"]
}

resource "aws_db_instance" "decoded" {
  password = jsondecode(data.aws_secretsmanager_secret_version.db.secret_string)["password"]
}
