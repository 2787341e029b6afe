resource "aws_s3_bucket" "app2" {
  bucket = "app2"
}
