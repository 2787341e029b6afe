environment = "production"

# Temporary, for the on-call engineer working from home.
admin_cidrs = ["0.0.0.0/0"]
