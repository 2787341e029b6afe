# A root module passing the admin networks to a local security group module.
module "bastion_sg" {
  source = "./modules/admin-sg"

  name        = "bastion-sg"
  admin_cidrs = ["0.0.0.0/0"]
}

module "internal_sg" {
  source = "./modules/admin-sg"

  name        = "internal-admin-sg"
  admin_cidrs = ["10.0.0.0/8"]
}
