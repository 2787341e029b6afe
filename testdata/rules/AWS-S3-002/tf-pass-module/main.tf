# The public access block is written in a child module that receives the
# bucket's ID.
resource "aws_s3_bucket" "data" {
  bucket = "acme-module-data"
}

module "block" {
  source = "./modules/block"
  bucket = aws_s3_bucket.data.id
}
