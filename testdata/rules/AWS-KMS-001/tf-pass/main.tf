variable "rotate" {
  type        = bool
  description = "No default: rotation is not known."
}

resource "aws_kms_key" "data" {
  description             = "application data"
  enable_key_rotation     = true
  rotation_period_in_days = 180
}

resource "aws_kms_key" "signing" {
  description              = "release signing"
  customer_master_key_spec = "ECC_NIST_P256"
  key_usage                = "SIGN_VERIFY"
}

resource "aws_kms_external_key" "imported" {
  description = "imported key material"
}

resource "aws_kms_key" "optional" {
  description         = "optional"
  enable_key_rotation = var.rotate # undecided: AWS-KMS-001
}
