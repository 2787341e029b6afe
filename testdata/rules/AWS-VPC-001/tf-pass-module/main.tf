# The same module with its flow log on, and a flow log written by the
# caller for a VPC the module creates.
module "vpc" {
  source = "./modules/vpc"

  name                  = "app"
  cidr                  = "10.0.0.0/16"
  enable_flow_log       = true
  secondary_cidr_blocks = ["10.1.0.0/16"]
}
