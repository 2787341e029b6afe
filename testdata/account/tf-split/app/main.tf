# The app root module of the account baseline; the app VPC has no flow log.

resource "aws_vpc" "app" {
  cidr_block = "10.1.0.0/16"
}
