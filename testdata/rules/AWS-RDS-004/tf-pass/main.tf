variable "group" {
  type        = string
  description = "No default: the group is not known."
}

resource "aws_rds_cluster_parameter_group" "tls" {
  name   = "aurora-tls"
  family = "aurora-postgresql16"

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }
}

resource "aws_rds_cluster" "aurora" {
  cluster_identifier              = "aurora"
  engine                          = "aurora-postgresql"
  master_username                 = "app"
  manage_master_user_password     = true
  storage_encrypted               = true
  deletion_protection             = true
  backup_retention_period         = 14
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.tls.name
}

resource "aws_rds_cluster_instance" "one" {
  cluster_identifier = aws_rds_cluster.aurora.id
  instance_class     = "db.r6g.large"
  engine             = aws_rds_cluster.aurora.engine
}

# A group named by its name, and one given at plan time.
resource "aws_db_parameter_group" "mysql" {
  name   = "mysql-tls"
  family = "mysql8.0"

  parameter {
    name  = "require_secure_transport"
    value = "ON"
  }
}

resource "aws_db_instance" "app" {
  identifier                  = "app"
  engine                      = "mysql"
  instance_class              = "db.t3.medium"
  allocated_storage           = 20
  username                    = "app"
  manage_master_user_password = true
  storage_encrypted           = true
  parameter_group_name        = "mysql-tls"
}

resource "aws_db_instance" "reporting" {
  identifier                  = "reporting"
  engine                      = "mysql"
  instance_class              = "db.t3.medium"
  allocated_storage           = 20
  username                    = "app"
  manage_master_user_password = true
  storage_encrypted           = true
  parameter_group_name        = var.group # undecided: AWS-RDS-004
}

# A group of the postgres16 family starts with rds.force_ssl = 1.
resource "aws_db_parameter_group" "pg16" {
  name   = "pg16-logging"
  family = "postgres16"

  parameter {
    name  = "log_min_duration_statement"
    value = "500"
  }
}

resource "aws_db_instance" "pg16" {
  identifier                  = "pg16"
  engine                      = "postgres"
  instance_class              = "db.t3.medium"
  allocated_storage           = 20
  username                    = "app"
  manage_master_user_password = true
  storage_encrypted           = true
  parameter_group_name        = aws_db_parameter_group.pg16.name
}
