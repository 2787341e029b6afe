variable "encrypted" {
  type        = bool
  description = "No default: encryption is not known."
}

resource "aws_kms_key" "efs" {
  description         = "shared file system"
  enable_key_rotation = true
}

resource "aws_efs_file_system" "shared" {
  creation_token = "shared"
  encrypted      = true
  kms_key_id     = aws_kms_key.efs.arn
}

resource "aws_efs_file_system" "scratch" {
  creation_token = "scratch"
  encrypted      = var.encrypted # undecided: AWS-EFS-001
}
