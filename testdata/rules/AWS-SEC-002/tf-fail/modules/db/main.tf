variable "password" {
  type = string
}

resource "aws_docdb_cluster" "this" {
  cluster_identifier = "docs"
  master_username    = "app"
  master_password    = var.password # expect: AWS-SEC-002
}
