variable "from_default" {
  default = "default"
}

variable "from_env" {
  default = "default"
}

variable "from_tfvars" {
  default = "default"
}

variable "from_auto" {
  default = "default"
}

variable "from_varfile" {
  default = "default"
}

variable "from_cli" {
  default = "default"
}

variable "cli_list" {
  type = list(string)
}

variable "secret" {
  type      = string
  sensitive = true
  default   = "hunter2"
}

variable "not_null" {
  type     = string
  nullable = false
  default  = "fallback"
}

resource "aws_ssm_parameter" "p" {
  name = "p"
  tags = {
    from_default = var.from_default
    from_env     = var.from_env
    from_tfvars  = var.from_tfvars
    from_auto    = var.from_auto
    from_varfile = var.from_varfile
    from_cli     = var.from_cli
    not_null     = var.not_null
    workspace    = terraform.workspace
  }
  cli_list = var.cli_list
  value    = var.secret
  insecure = "${var.secret}-suffix"
}
