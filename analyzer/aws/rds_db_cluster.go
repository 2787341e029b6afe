package aws

// Canonical kind aws.rds.db_cluster: an Aurora (or Multi-AZ) DB cluster.
// Its master password's source is mapped here (AWS-SEC-002); the
// data-protection rules add the rest.
const kindRDSCluster = "aws.rds.db_cluster"

func rdsClusterMapper() dbPasswordMapper {
	return dbPasswordMapper{
		name:        kindRDSCluster,
		types:       []string{"AWS::RDS::DBCluster", "aws_rds_cluster"},
		property:    "master_password_source",
		cfnPassword: "MasterUserPassword", cfnMgd: "ManageMasterUserPassword",
		tfPassword: []string{"master_password", "master_password_wo"}, tfMgd: []string{"manage_master_user_password"},
	}
}
