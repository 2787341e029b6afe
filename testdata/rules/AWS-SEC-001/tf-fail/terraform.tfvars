ci_access_key = "AKIAJ7QWERTY20000006" # expect: AWS-SEC-001
