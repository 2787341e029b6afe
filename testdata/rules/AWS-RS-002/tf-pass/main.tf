resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier     = "warehouse"
  node_type              = "ra3.large"
  cluster_type           = "single-node"
  database_name          = "analytics"
  master_username        = "admin"
  manage_master_password = true
  publicly_accessible    = false
}

# publicly_accessible absent: the provider's default depends on its version
# (true up to v5, false from v6).
resource "aws_redshift_cluster" "scratch" { # undecided: AWS-RS-002
  cluster_identifier     = "scratch"
  node_type              = "ra3.large"
  cluster_type           = "single-node"
  master_username        = "admin"
  manage_master_password = true
}
