package aws

// Canonical kind aws.redshift.cluster: a provisioned Redshift cluster. Its
// master password's source is mapped here (AWS-SEC-002); the
// data-protection rules add the rest.
const kindRedshiftCluster = "aws.redshift.cluster"

func redshiftClusterMapper() dbPasswordMapper {
	return dbPasswordMapper{
		name:        kindRedshiftCluster,
		types:       []string{"AWS::Redshift::Cluster", "aws_redshift_cluster"},
		property:    "master_password_source",
		cfnPassword: "MasterUserPassword", cfnMgd: "ManageMasterPassword",
		tfPassword: []string{"master_password", "master_password_wo"}, tfMgd: []string{"manage_master_password"},
	}
}
