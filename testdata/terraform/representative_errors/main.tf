variable "create_database_route_table" {
  type = bool
}

locals {
  names = ["a", "b"]
}

resource "aws_route_table" "database" {
  count  = 0
  vpc_id = "vpc-1"
}

resource "aws_route_table" "private" {
  count  = 0
  vpc_id = "vpc-1"
}

# terraform-aws-modules/terraform-aws-vpc main.tf:498. Both splats are
# empty, so coalescelist fails, but the association's count is unknown:
# Terraform evaluates this body only once the count is known (and then
# for no instance at all).
resource "aws_route_table_association" "database" {
  count          = var.create_database_route_table ? 2 : 0
  subnet_id      = "subnet-${count.index}"
  route_table_id = element(coalescelist(aws_route_table.database[*].id, aws_route_table.private[*].id), count.index)
  tags = {
    # A function that does not exist is an error whatever the count.
    Name = nosuchfunc("x")
  }
}

# The same for everything inside a module call with an unknown count.
module "one" {
  source = "./one"
  count  = var.create_database_route_table ? 1 : 0
  names  = local.names
}

# Outside a representative instance a failed call is an error.
resource "aws_route_table_association" "known" {
  subnet_id      = "subnet-1"
  route_table_id = one(local.names)
}
