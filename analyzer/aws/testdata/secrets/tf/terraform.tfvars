from_file = "password-in-tfvars"
