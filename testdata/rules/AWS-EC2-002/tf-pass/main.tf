resource "aws_iam_role" "app" {
  name = "app"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_instance_profile" "app" {
  name = "app"
  role = aws_iam_role.app.name
}

resource "aws_instance" "web" {
  ami                  = "ami-0123456789abcdef0"
  iam_instance_profile = aws_iam_instance_profile.app.name
}

resource "aws_launch_template" "workers" {
  image_id = "ami-0123456789abcdef0"
  iam_instance_profile {
    arn = aws_iam_instance_profile.app.arn
  }
}

resource "aws_instance" "worker" {
  launch_template {
    id      = aws_launch_template.workers.id
    version = aws_launch_template.workers.latest_version
  }
}

# The node group gives its nodes the node role.
resource "aws_launch_template" "nodes" {
  metadata_options {
    http_tokens = "required"
  }
}

resource "aws_eks_node_group" "nodes" {
  cluster_name  = "apps"
  node_role_arn = "arn:aws:iam::111122223333:role/nodes"
  subnet_ids    = ["subnet-0123456789abcdef0"]
  scaling_config {
    desired_size = 1
    max_size     = 2
    min_size     = 1
  }
  launch_template {
    id      = aws_launch_template.nodes.id
    version = aws_launch_template.nodes.latest_version
  }
}
