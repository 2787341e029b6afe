variable "db_port" {
  type    = number
  default = 3306
}

locals {
  public = ["0.0.0.0/0"]
  cache_ports = {
    redis     = 6379
    memcached = 11211
  }
}

resource "aws_security_group" "db" {
  name        = "db-sg"
  description = "MySQL"

  ingress {
    description = "MySQL for the reporting tool"
    from_port   = var.db_port
    to_port     = var.db_port
    protocol    = "tcp"
    cidr_blocks = local.public # expect: AWS-SG-003
  }
}

resource "aws_security_group" "cache" {
  name        = "cache-sg"
  description = "Caches"
}

resource "aws_security_group_rule" "cache" {
  for_each          = local.cache_ports
  type              = "ingress"
  security_group_id = aws_security_group.cache.id
  description       = "${each.key} from anywhere"
  from_port         = each.value
  to_port           = each.value
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"] # expect: AWS-SG-003, AWS-SG-003
}

resource "aws_vpc_security_group_ingress_rule" "elasticsearch" {
  security_group_id = aws_security_group.cache.id
  description       = "Elasticsearch HTTP and transport"
  ip_protocol       = "tcp"
  from_port         = 9200
  to_port           = 9300
  cidr_ipv6         = "::/0" # expect: AWS-SG-003
}

# Every tcp port covers every database port: reported here whatever
# AWS-SG-001 reports about it.
resource "aws_security_group_rule" "all_tcp" {
  type              = "ingress"
  security_group_id = aws_security_group.cache.id
  description       = "all tcp from anywhere"
  from_port         = 0
  to_port           = 65535
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"] # expect: AWS-SG-003
}
