# The app module receives the groups allowed to reach SSH: the bastion's,
# which passes, and the CI runners', which is not a bastion.
resource "aws_security_group" "bastion" {
  name        = "bastion"
  description = "bastion hosts"
}

resource "aws_security_group" "ci" {
  name        = "ci-runners"
  description = "CI runners"
  tags = {
    Role = "ci"
  }
}

module "app" {
  source         = "./modules/app"
  admin_group_id = aws_security_group.bastion.id
}

module "deployer" {
  source         = "./modules/app"
  admin_group_id = aws_security_group.ci.id
}
