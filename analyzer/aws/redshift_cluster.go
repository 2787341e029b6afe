package aws

import "github.com/rampart-iac/rampart/analyzer/graph"

// Canonical kind aws.redshift.cluster: a provisioned Redshift cluster, its
// master password's source, its encryption and its public access.
const kindRedshiftCluster = "aws.redshift.cluster"

func redshiftClusterMapper() dbPasswordMapper {
	return dbPasswordMapper{
		name:        kindRedshiftCluster,
		types:       []string{"AWS::Redshift::Cluster", "aws_redshift_cluster"},
		property:    "master_password_source",
		cfnPassword: "MasterUserPassword", cfnMgd: "ManageMasterPassword",
		tfPassword: []string{"master_password", "master_password_wo"}, tfMgd: []string{"manage_master_password"},
		more: redshiftClusterProps,
	}
}

func redshiftClusterProps(idx *unitIndex, r *graph.Resource, p *graph.Value) {
	enc, public, snapshot, group := "Encrypted", "PubliclyAccessible", "SnapshotIdentifier", "ClusterParameterGroupName"
	if r.Source != graph.SourceCloudFormation {
		enc, public, snapshot, group = "encrypted", "publicly_accessible", "snapshot_identifier", "cluster_parameter_group_name"
	}
	// AWS encrypts every new cluster (CreateCluster's Encrypted defaults
	// to true and refuses false); a restored one is as encrypted as its
	// snapshot unless it asks.
	p.Set("encrypted", storageEncrypted(r, enc, false, []string{snapshot}, true))
	v := boolean(attr(r, public))
	switch {
	case v != nil:
	case r.Source == graph.SourceCloudFormation:
		v = graph.Bool(false, r.Loc)
	default:
		// The provider sends its own default: true up to v5, false
		// from v6; the version is not known here.
		v = graph.Unknown("publicly_accessible is not set: the AWS provider's default is true up to v5, false from v6", r.Loc)
	}
	p.Set("publicly_accessible", v)
	p.Set("require_ssl", redshiftRequireSSL(idx, r, attr(r, group)))
}
