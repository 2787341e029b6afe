y = "two"
