package aws

// Canonical kind aws.docdb.cluster: an Amazon DocumentDB cluster. Its
// master password's source is mapped here (AWS-SEC-002); the
// data-protection rules add the rest.
const kindDocDBCluster = "aws.docdb.cluster"

func docdbClusterMapper() dbPasswordMapper {
	return dbPasswordMapper{
		name:        kindDocDBCluster,
		types:       []string{"AWS::DocDB::DBCluster", "aws_docdb_cluster"},
		property:    "master_password_source",
		cfnPassword: "MasterUserPassword", cfnMgd: "ManageMasterUserPassword",
		tfPassword: []string{"master_password", "master_password_wo"}, tfMgd: []string{"manage_master_user_password"},
	}
}
