resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier     = "warehouse"
  node_type              = "ra3.large"
  cluster_type           = "single-node"
  database_name          = "analytics"
  master_username        = "admin"
  manage_master_password = true
  publicly_accessible    = true # expect: AWS-RS-002
}
