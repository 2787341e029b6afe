v4 = "var-file"
v5 = "var-file"
