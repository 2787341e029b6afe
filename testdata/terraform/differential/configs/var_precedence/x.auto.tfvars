v3 = "auto"
v4 = "auto"
v5 = "auto"
