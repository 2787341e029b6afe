from_tfvars = "committed-in-tfvars"
