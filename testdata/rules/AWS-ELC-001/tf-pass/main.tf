variable "transit" {
  type        = bool
  description = "No default: in-transit encryption is not known."
}

resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id       = "sessions"
  description                = "sessions"
  engine                     = "valkey"
  node_type                  = "cache.t4g.small"
  num_cache_clusters         = 2
  at_rest_encryption_enabled = true
  transit_encryption_enabled = true
}

resource "aws_elasticache_replication_group" "queue" {
  replication_group_id       = "queue"
  description                = "queue"
  engine                     = "redis"
  node_type                  = "cache.t4g.small"
  num_cache_clusters         = 2
  at_rest_encryption_enabled = true
  transit_encryption_enabled = var.transit # undecided: AWS-ELC-001
}
