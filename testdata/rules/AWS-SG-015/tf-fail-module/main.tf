# The network is the root module's; the app module places its instance in
# the private subnet it is given.
resource "aws_vpc" "main" {
  cidr_block = "172.20.0.0/16"
}

resource "aws_subnet" "private" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "172.20.1.0/24"
}

module "app" {
  source    = "./modules/app"
  vpc_id    = aws_vpc.main.id
  subnet_id = aws_subnet.private.id
}
