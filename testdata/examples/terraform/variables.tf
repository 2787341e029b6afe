variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "environment" {
  type    = string
  default = "staging"
}

variable "vpc_cidr" {
  type    = string
  default = "10.20.0.0/16"
}

variable "admin_cidrs" {
  description = "Networks allowed to reach the bastion over SSH."
  type        = list(string)
  default     = ["10.20.0.0/24"]
}
