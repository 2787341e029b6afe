package aws

// Canonical kind aws.elasticache.replication_group: an ElastiCache (Redis
// OSS or Valkey) replication group. Its AUTH token's source is mapped here
// (AWS-SEC-002); the data-protection rules add the rest.
const kindElastiCacheReplicationGroup = "aws.elasticache.replication_group"

func elasticacheReplicationGroupMapper() dbPasswordMapper {
	return dbPasswordMapper{
		name:        kindElastiCacheReplicationGroup,
		types:       []string{"AWS::ElastiCache::ReplicationGroup", "aws_elasticache_replication_group"},
		property:    "auth_token_source",
		cfnPassword: "AuthToken",
		tfPassword:  []string{"auth_token"},
	}
}
