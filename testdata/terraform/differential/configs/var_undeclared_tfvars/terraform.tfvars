a = "declared"
b = "undeclared, a warning only"
