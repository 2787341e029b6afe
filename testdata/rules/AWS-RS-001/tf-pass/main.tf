variable "snapshot" {
  type        = string
  description = "No default: the snapshot is not known."
}

resource "aws_kms_key" "warehouse" {
  description         = "warehouse"
  enable_key_rotation = true
}

resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier     = "warehouse"
  node_type              = "ra3.large"
  cluster_type           = "single-node"
  database_name          = "analytics"
  master_username        = "admin"
  manage_master_password = true
  publicly_accessible    = false
  encrypted              = true
  kms_key_id             = aws_kms_key.warehouse.arn
}

# encrypted absent: AWS encrypts every new cluster.
resource "aws_redshift_cluster" "scratch" {
  cluster_identifier     = "scratch"
  node_type              = "ra3.large"
  cluster_type           = "single-node"
  master_username        = "admin"
  manage_master_password = true
  publicly_accessible    = false
}

resource "aws_redshift_cluster" "restored" {
  cluster_identifier  = "restored"
  node_type           = "ra3.large"
  cluster_type        = "single-node"
  publicly_accessible = false
  snapshot_identifier = var.snapshot # undecided: AWS-RS-001
}
