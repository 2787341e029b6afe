variable "env" {
  type    = string
  default = "Prod"
}

resource "aws_security_group" "web" {
  name        = "WebServers" # expect: AWS-SG-008
  description = "Web tier"
}

resource "aws_security_group" "db" {
  name        = "${var.env}-db" # expect: AWS-SG-008
  description = "Database tier"
}

resource "aws_security_group" "per_service" {
  for_each    = toset(["api", "worker"])
  name        = "sg_${each.key}" # expect: AWS-SG-008, AWS-SG-008
  description = "Service ${each.key}"
}
