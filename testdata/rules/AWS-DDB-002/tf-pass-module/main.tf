resource "aws_kms_key" "data" {
  description         = "application data"
  enable_key_rotation = true
}

module "orders" {
  source      = "./modules/table"
  name        = "orders"
  kms_key_arn = aws_kms_key.data.arn
}
