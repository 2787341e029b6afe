# expect: AWS-BASE-001
# An account baseline root module with a network but no CloudTrail trail;
# a CloudTrail Lake event data store is not a trail.

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_cloudtrail_event_data_store" "lake" {
  name = "lake"
}
