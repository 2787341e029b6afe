package aws

// Canonical kind aws.rds.db_instance: an RDS DB instance. Its master
// password's source is mapped here (AWS-SEC-002); the data-protection
// rules add the rest.
const kindRDSInstance = "aws.rds.db_instance"

func rdsInstanceMapper() dbPasswordMapper {
	return dbPasswordMapper{
		name:        kindRDSInstance,
		types:       []string{"AWS::RDS::DBInstance", "aws_db_instance"},
		property:    "master_password_source",
		cfnPassword: "MasterUserPassword", cfnMgd: "ManageMasterUserPassword",
		tfPassword: []string{"password", "password_wo"}, tfMgd: []string{"manage_master_user_password"},
	}
}
