package aws

import "github.com/rampart-iac/rampart/analyzer/graph"

// Canonical kind aws.elasticache.replication_group: an ElastiCache (Redis
// OSS or Valkey) replication group: its AUTH token's source and its
// encryption at rest and in transit.
const kindElastiCacheReplicationGroup = "aws.elasticache.replication_group"

func elasticacheReplicationGroupMapper() dbPasswordMapper {
	return dbPasswordMapper{
		name:        kindElastiCacheReplicationGroup,
		types:       []string{"AWS::ElastiCache::ReplicationGroup", "aws_elasticache_replication_group"},
		property:    "auth_token_source",
		cfnPassword: "AuthToken",
		tfPassword:  []string{"auth_token"},
		more:        elasticacheEncryption,
	}
}

// elasticacheEncryption sets at-rest and in-transit encryption; both are
// off unless asked (the API's default, which CloudFormation and
// Terraform keep).
func elasticacheEncryption(_ *unitIndex, r *graph.Resource, p *graph.Value) {
	rest, transit := "AtRestEncryptionEnabled", "TransitEncryptionEnabled"
	if r.Source != graph.SourceCloudFormation {
		rest, transit = "at_rest_encryption_enabled", "transit_encryption_enabled"
	}
	p.Set("at_rest_encryption", orDefault(boolean(attr(r, rest)), graph.Bool(false, r.Loc)))
	p.Set("transit_encryption", orDefault(boolean(attr(r, transit)), graph.Bool(false, r.Loc)))
}
