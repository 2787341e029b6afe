variable "name" {
  type = string
}

variable "parameters" {
  type    = list(map(string))
  default = []
}

resource "aws_db_parameter_group" "this" {
  name   = var.name
  family = "mysql8.0"

  dynamic "parameter" {
    for_each = var.parameters
    content {
      name  = parameter.value.name
      value = parameter.value.value
    }
  }
}

resource "aws_db_instance" "this" {
  identifier                  = var.name
  engine                      = "mysql"
  instance_class              = "db.t3.small"
  allocated_storage           = 20
  username                    = "app"
  manage_master_user_password = true
  storage_encrypted           = true
  parameter_group_name        = aws_db_parameter_group.this.id
}
