module "net" {
  source     = "./modules/net"
  cidr_block = var.office_cidr
}

resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
}

resource "aws_db_instance" "main" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  storage_encrypted   = false
  publicly_accessible = var.db_public
}
