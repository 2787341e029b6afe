resource "aws_db_parameter_group" "pg" {
  name   = "app-pg14"
  family = "postgres14"

  parameter {
    name  = "log_statement"
    value = "ddl"
  }
}

resource "aws_db_instance" "app" {
  identifier                  = "app"
  engine                      = "postgres"
  engine_version              = "14.11"
  instance_class              = "db.t3.medium"
  allocated_storage           = 20
  username                    = "app"
  manage_master_user_password = true
  storage_encrypted           = true
  parameter_group_name        = aws_db_parameter_group.pg.name # expect: AWS-RDS-004
}

# The default group, by name.
resource "aws_db_instance" "legacy" {
  identifier                  = "legacy"
  engine                      = "mariadb"
  instance_class              = "db.t3.medium"
  allocated_storage           = 20
  username                    = "app"
  manage_master_user_password = true
  storage_encrypted           = true
  parameter_group_name        = "default.mariadb10.11" # expect: AWS-RDS-004
}

# No cluster parameter group: Aurora MySQL's default does not force TLS.
resource "aws_rds_cluster" "aurora" { # expect: AWS-RDS-004
  cluster_identifier          = "aurora"
  engine                      = "aurora-mysql"
  master_username             = "app"
  manage_master_user_password = true
  storage_encrypted           = true
}
