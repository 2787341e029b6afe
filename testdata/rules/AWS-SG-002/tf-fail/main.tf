variable "vpc_id" {
  type    = string
  default = "vpc-0a1b2c3d4e5f67890"
}

variable "admin_cidrs" {
  type        = list(string)
  description = "Networks allowed to administer the hosts."
  default     = ["10.0.0.0/8"]
}

locals {
  admin_ports = {
    ssh = 22
    rdp = 3389
  }
}

resource "aws_security_group" "bastion" {
  name        = "bastion-sg"
  description = "Bastion host"
  vpc_id      = var.vpc_id

  ingress {
    description = "SSH from anywhere"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"] # expect: AWS-SG-002
  }

  ingress {
    description      = "SSH over IPv6"
    from_port        = 22
    to_port          = 22
    protocol         = "tcp"
    ipv6_cidr_blocks = ["::/0"] # expect: AWS-SG-002
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "windows" {
  name        = "windows-jump"
  description = "Windows jump hosts"
  vpc_id      = var.vpc_id

  dynamic "ingress" {
    for_each = local.admin_ports
    content {
      description = "${ingress.key} from the admin networks"
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = var.admin_cidrs # expect: AWS-SG-002, AWS-SG-002
    }
  }
}

resource "aws_security_group_rule" "rdp" {
  type              = "ingress"
  security_group_id = aws_security_group.windows.id
  description       = "RDP for the vendor"
  from_port         = 3389
  to_port           = 3389
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"] # expect: AWS-SG-002
}

resource "aws_vpc_security_group_ingress_rule" "ssh_v6" {
  security_group_id = aws_security_group.windows.id
  description       = "SSH over IPv6"
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
  cidr_ipv6         = "::/0" # expect: AWS-SG-002
}

# Every tcp port covers SSH and RDP: reported here whatever AWS-SG-001
# reports about it.
resource "aws_vpc_security_group_ingress_rule" "all_tcp" {
  security_group_id = aws_security_group.windows.id
  description       = "all tcp from anywhere"
  ip_protocol       = "tcp"
  from_port         = 0
  to_port           = 65535
  cidr_ipv4         = "0.0.0.0/0" # expect: AWS-SG-002
}
