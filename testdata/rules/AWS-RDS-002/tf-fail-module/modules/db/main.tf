variable "name" {
  type = string
}

variable "public" {
  type    = bool
  default = false
}

resource "aws_db_instance" "this" {
  identifier                  = var.name
  engine                      = "mysql"
  instance_class              = "db.t3.small"
  allocated_storage           = 20
  username                    = "app"
  manage_master_user_password = true
  storage_encrypted           = true
  publicly_accessible         = var.public # expect: AWS-RDS-002
}
