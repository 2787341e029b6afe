variable "name" {
  type = string
}

# The module leaves deletion protection off unless asked.
variable "deletion_protection" {
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
  deletion_protection         = var.deletion_protection # expect: AWS-RDS-005
}
