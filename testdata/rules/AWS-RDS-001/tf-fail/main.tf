# storage_encrypted absent: AWS creates the instance unencrypted.
resource "aws_db_instance" "app" { # expect: AWS-RDS-001
  identifier                  = "app"
  engine                      = "postgres"
  instance_class              = "db.t3.medium"
  allocated_storage           = 20
  username                    = "app"
  manage_master_user_password = true
}

resource "aws_rds_cluster" "aurora" {
  cluster_identifier          = "aurora"
  engine                      = "aurora-postgresql"
  master_username             = "app"
  manage_master_user_password = true
  storage_encrypted           = false # expect: AWS-RDS-001
}

# Judged through the cluster.
resource "aws_rds_cluster_instance" "one" {
  cluster_identifier = aws_rds_cluster.aurora.id
  instance_class     = "db.r6g.large"
  engine             = aws_rds_cluster.aurora.engine
}
