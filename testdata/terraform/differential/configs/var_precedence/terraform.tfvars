v2 = "tfvars"
v3 = "tfvars"
v4 = "tfvars"
v5 = "tfvars"
