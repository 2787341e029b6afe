# The instance lives in a module; the public subnet is the caller's.
resource "aws_subnet" "public" {
  vpc_id                  = "vpc-0123456789abcdef0"
  cidr_block              = "10.0.1.0/24"
  map_public_ip_on_launch = true
}

resource "aws_subnet" "private" {
  vpc_id     = "vpc-0123456789abcdef0"
  cidr_block = "10.0.2.0/24"
}

module "web" {
  source    = "./modules/app"
  subnet_id = aws_subnet.public.id
}

module "api" {
  source    = "./modules/app"
  subnet_id = aws_subnet.private.id
}
