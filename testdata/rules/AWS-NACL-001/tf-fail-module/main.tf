module "vpc" {
  source = "./modules/vpc"

  cidr = "10.0.0.0/16"
}

module "locked_down" {
  source = "./modules/vpc"

  cidr = "10.1.0.0/16"
  public_inbound_acl_rules = [
    { rule_number = 100, rule_action = "allow", from_port = 443, to_port = 443, protocol = "tcp", cidr_block = "0.0.0.0/0" },
  ]
}
