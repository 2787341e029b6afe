module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.0.0"
  cidr    = "10.9.0.0/16"
}

module "gone" {
  source = "git::https://example.com/gone.git"
}

resource "aws_flow_log" "f" {
  vpc_id          = module.vpc.vpc_id
  log_destination = module.gone.arn
}
