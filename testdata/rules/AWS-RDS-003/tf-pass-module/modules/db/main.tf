variable "name" {
  type = string
}

variable "backup_retention_period" {
  type    = number
  default = 14
}

resource "aws_db_instance" "this" {
  identifier                  = var.name
  engine                      = "mysql"
  instance_class              = "db.t3.small"
  allocated_storage           = 20
  username                    = "app"
  manage_master_user_password = true
  storage_encrypted           = true
  backup_retention_period     = var.backup_retention_period
}
