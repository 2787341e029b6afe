x = "one"
y = "one"
