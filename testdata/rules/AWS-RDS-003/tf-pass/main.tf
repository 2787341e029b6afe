variable "retention" {
  type        = number
  description = "No default: the reporting database's retention is not known."
}

resource "aws_db_instance" "app" {
  identifier                  = "app"
  engine                      = "postgres"
  instance_class              = "db.t3.medium"
  allocated_storage           = 20
  username                    = "app"
  manage_master_user_password = true
  storage_encrypted           = true
  backup_retention_period     = 7
}

resource "aws_db_instance" "replica" {
  identifier          = "app-replica"
  instance_class      = "db.t3.medium"
  replicate_source_db = aws_db_instance.app.identifier
}

resource "aws_db_instance" "reporting" {
  identifier                  = "reporting"
  engine                      = "postgres"
  instance_class              = "db.t3.medium"
  allocated_storage           = 20
  username                    = "app"
  manage_master_user_password = true
  storage_encrypted           = true
  backup_retention_period     = var.retention # undecided: AWS-RDS-003
}
