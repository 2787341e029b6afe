name    = "from-tfvars"
count_n = 3
tags = {
  env  = "dev"
  team = "core"
}
