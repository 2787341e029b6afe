resource "aws_cloudtrail" "all_regions" {
  name                  = "all-regions"
  s3_bucket_name        = "acme-trail-logs"
  is_multi_region_trail = true
}

# A CloudTrail Lake event data store is not a trail.
resource "aws_cloudtrail_event_data_store" "lake" {
  name = "lake"
}
