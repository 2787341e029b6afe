b = "a.auto.tfvars"
c = "a.auto.tfvars"
