# A root module calling a terraform-aws-vpc-style module with its flow log
# left at the default (off).
module "vpc" {
  source = "./modules/vpc"

  name = "app"
  cidr = "10.0.0.0/16"
}

module "logged_vpc" {
  source = "./modules/vpc"

  name            = "logged"
  cidr            = "10.1.0.0/16"
  enable_flow_log = true
}
