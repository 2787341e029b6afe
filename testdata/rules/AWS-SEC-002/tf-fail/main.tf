variable "db_password" {
  type    = string
  default = "change-me-please"
}

variable "from_tfvars" {
  type      = string
  sensitive = true
}

resource "aws_db_instance" "default" {
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
  username          = "app"
  password          = var.db_password # expect: AWS-SEC-002
}

resource "aws_rds_cluster" "aurora" {
  engine          = "aurora-postgresql"
  master_username = "app"
  master_password = "a-literal-password" # expect: AWS-SEC-002
}

resource "aws_redshift_cluster" "dw" {
  cluster_identifier = "dw"
  node_type          = "ra3.xlplus"
  master_username    = "admin"
  master_password    = var.from_tfvars # expect: AWS-SEC-002
}

resource "aws_elasticache_replication_group" "cache" {
  replication_group_id       = "sessions"
  description                = "sessions"
  transit_encryption_enabled = true
  auth_token                 = "${var.db_password}-cache" # expect: AWS-SEC-002
}

module "db" {
  source   = "./modules/db"
  password = "passed-to-a-module"
}
