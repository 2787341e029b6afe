env         = "prod"
sizes       = { small = 1, large = 3 }
db_password = "correct-horse-battery-staple"
