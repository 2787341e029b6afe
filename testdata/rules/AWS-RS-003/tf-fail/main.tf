resource "aws_redshift_parameter_group" "plaintext" {
  name   = "plaintext"
  family = "redshift-2.0"

  parameter {
    name  = "require_ssl"
    value = "false"
  }
}

resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier           = "warehouse"
  node_type                    = "ra3.large"
  cluster_type                 = "single-node"
  master_username              = "admin"
  manage_master_password       = true
  publicly_accessible          = false
  cluster_parameter_group_name = aws_redshift_parameter_group.plaintext.name # expect: AWS-RS-003
}
