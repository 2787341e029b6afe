variable "group" {
  type        = string
  description = "No default: the group is not known."
}

resource "aws_redshift_parameter_group" "tls" {
  name   = "tls"
  family = "redshift-2.0"

  parameter {
    name  = "require_ssl"
    value = "true"
  }
}

resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier           = "warehouse"
  node_type                    = "ra3.large"
  cluster_type                 = "single-node"
  master_username              = "admin"
  manage_master_password       = true
  publicly_accessible          = false
  cluster_parameter_group_name = aws_redshift_parameter_group.tls.name
}

# A redshift-2.0 group that leaves require_ssl alone keeps its default, true.
resource "aws_redshift_parameter_group" "logging" {
  name   = "logging"
  family = "redshift-2.0"

  parameter {
    name  = "enable_user_activity_logging"
    value = "true"
  }
}

resource "aws_redshift_cluster" "audited" {
  cluster_identifier           = "audited"
  node_type                    = "ra3.large"
  cluster_type                 = "single-node"
  master_username              = "admin"
  manage_master_password       = true
  publicly_accessible          = false
  cluster_parameter_group_name = "logging"
}

resource "aws_redshift_cluster" "reporting" {
  cluster_identifier           = "reporting"
  node_type                    = "ra3.large"
  cluster_type                 = "single-node"
  master_username              = "admin"
  manage_master_password       = true
  publicly_accessible          = false
  cluster_parameter_group_name = var.group # undecided: AWS-RS-003
}
