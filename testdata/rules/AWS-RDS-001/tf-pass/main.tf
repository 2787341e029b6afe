variable "snapshot_identifier" {
  type        = string
  description = "Restore the reporting database from this snapshot; no default."
}

variable "encrypted" {
  type    = bool
  default = true
}

resource "aws_kms_key" "db" {
  description         = "database storage"
  enable_key_rotation = true
}

resource "aws_rds_cluster" "aurora" {
  cluster_identifier          = "aurora"
  engine                      = "aurora-postgresql"
  master_username             = "app"
  manage_master_user_password = true
  storage_encrypted           = var.encrypted
  kms_key_id                  = aws_kms_key.db.arn
}

resource "aws_rds_cluster_instance" "members" {
  count              = 2
  cluster_identifier = aws_rds_cluster.aurora.id
  instance_class     = "db.r6g.large"
  engine             = aws_rds_cluster.aurora.engine
}

resource "aws_db_instance" "reporting" {
  identifier          = "reporting"
  instance_class      = "db.t3.medium"
  snapshot_identifier = var.snapshot_identifier # undecided: AWS-RDS-001
}

resource "aws_db_instance" "replica" {
  identifier          = "app-replica"
  instance_class      = "db.t3.medium"
  replicate_source_db = aws_db_instance.reporting.identifier # undecided: AWS-RDS-001
}

# A point-in-time restore that asks for encryption is encrypted.
resource "aws_db_instance" "restored" {
  identifier        = "restored"
  instance_class    = "db.t3.medium"
  storage_encrypted = true
  restore_to_point_in_time {
    source_db_instance_identifier = "app"
    use_latest_restorable_time    = true
  }
}
