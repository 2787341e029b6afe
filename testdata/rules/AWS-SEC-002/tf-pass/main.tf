variable "db_password" {
  type      = string
  sensitive = true
}

resource "random_password" "cache" {
  length  = 32
  special = false
}

data "aws_secretsmanager_secret_version" "aurora" {
  secret_id = "aurora/master"
}

resource "aws_db_instance" "managed" {
  engine                      = "postgres"
  instance_class              = "db.t3.micro"
  allocated_storage           = 20
  username                    = "app"
  manage_master_user_password = true
}

resource "aws_db_instance" "replica" {
  instance_class      = "db.t3.micro"
  replicate_source_db = aws_db_instance.managed.identifier
}

resource "aws_rds_cluster" "aurora" {
  engine          = "aurora-postgresql"
  master_username = "app"
  master_password = jsondecode(data.aws_secretsmanager_secret_version.aurora.secret_string)["password"]
}

resource "aws_redshift_cluster" "dw" {
  cluster_identifier     = "dw"
  node_type              = "ra3.xlplus"
  master_username        = "admin"
  manage_master_password = true
}

resource "aws_elasticache_replication_group" "cache" {
  replication_group_id       = "sessions"
  description                = "sessions"
  transit_encryption_enabled = true
  auth_token                 = random_password.cache.result
}

module "db" {
  source   = "./modules/db"
  password = var.db_password
}
