resource "aws_subnet" "public" {
  vpc_id                  = "vpc-0123456789abcdef0"
  cidr_block              = "10.0.1.0/24"
  map_public_ip_on_launch = true
}

resource "aws_subnet" "private" {
  vpc_id     = "vpc-0123456789abcdef0"
  cidr_block = "10.0.2.0/24"
}

resource "aws_instance" "app" {
  ami       = "ami-0123456789abcdef0"
  subnet_id = aws_subnet.private.id
}

# In a public subnet, but it opts out.
resource "aws_instance" "proxy" {
  ami                         = "ami-0123456789abcdef0"
  subnet_id                   = aws_subnet.public.id
  associate_public_ip_address = false
}

# An existing interface gets no automatic public IP.
resource "aws_network_interface" "appliance" {
  subnet_id = aws_subnet.public.id
}

resource "aws_instance" "appliance" {
  ami = "ami-0123456789abcdef0"
  network_interface {
    network_interface_id = aws_network_interface.appliance.id
    device_index         = 0
  }
}

# The template leaves it to the subnet, or says no ("false" is a string
# in aws_launch_template).
resource "aws_launch_template" "workers" {
  image_id = "ami-0123456789abcdef0"
  network_interfaces {
    associate_public_ip_address = "false"
  }
}

resource "aws_launch_template" "batch" {
  image_id = "ami-0123456789abcdef0"
}

resource "aws_instance" "worker" {
  subnet_id = aws_subnet.public.id
  launch_template {
    id = aws_launch_template.workers.id
  }
}
