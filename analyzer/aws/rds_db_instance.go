package aws

import "github.com/rampart-iac/rampart/analyzer/graph"

// Canonical kind aws.rds.db_instance: an RDS DB instance, standalone or a
// member of an Aurora cluster (AWS::RDS::DBInstance with DBClusterIdentifier,
// aws_rds_cluster_instance), with its master password's source and its
// data-protection settings.
const kindRDSInstance = "aws.rds.db_instance"

func rdsInstanceMapper() dbPasswordMapper {
	return dbPasswordMapper{
		name:        kindRDSInstance,
		types:       []string{"AWS::RDS::DBInstance", "aws_db_instance", "aws_rds_cluster_instance"},
		property:    "master_password_source",
		cfnPassword: "MasterUserPassword", cfnMgd: "ManageMasterUserPassword",
		tfPassword: []string{"password", "password_wo"}, tfMgd: []string{"manage_master_user_password"},
		more: rdsInstanceProps,
	}
}

// rdsInstanceNames are the native attribute names of a DB instance's
// data-protection settings in one framework.
type rdsInstanceNames struct {
	encrypted, cluster, public, retention, protection, replicaOf string
	engine, version, group                                       string
	// restored are the attributes that make the instance a copy of
	// another database (a snapshot, a source instance, a point in time),
	// whose encryption it inherits.
	restored []string
}

var (
	rdsInstanceCFN = rdsInstanceNames{
		encrypted: "StorageEncrypted", cluster: "DBClusterIdentifier",
		public: "PubliclyAccessible", retention: "BackupRetentionPeriod",
		protection: "DeletionProtection", replicaOf: "SourceDBInstanceIdentifier",
		engine: "Engine", version: "EngineVersion", group: "DBParameterGroupName",
		restored: []string{"DBSnapshotIdentifier", "SourceDBInstanceIdentifier", "SourceDBInstanceAutomatedBackupsArn", "SourceDbiResourceId"},
	}
	rdsInstanceTF = rdsInstanceNames{
		encrypted: "storage_encrypted", cluster: "cluster_identifier",
		public: "publicly_accessible", retention: "backup_retention_period",
		protection: "deletion_protection", replicaOf: "replicate_source_db",
		engine: "engine", version: "engine_version", group: "parameter_group_name",
		restored: []string{"snapshot_identifier", "replicate_source_db", "restore_to_point_in_time"},
	}
)

func rdsInstanceProps(idx *unitIndex, r *graph.Resource, p *graph.Value) {
	n := rdsInstanceCFN
	if r.Source != graph.SourceCloudFormation {
		n = rdsInstanceTF
	}
	member := attr(r, n.cluster) != nil || r.Type == "aws_rds_cluster_instance"
	p.Set("cluster_member", graph.Bool(member, r.Loc))
	p.Set("storage_encrypted", storageEncrypted(r, n.encrypted, member, n.restored, false))
	replica := attr(r, n.replicaOf) != nil
	p.Set("read_replica", graph.Bool(replica, r.Loc))
	p.Set("publicly_accessible", publiclyAccessible(r, n.public))
	// AWS keeps one day of automated backups unless asked (none for a
	// read replica).
	retention := 1.0
	if replica {
		retention = 0
	}
	p.Set("backup_retention_period", orDefault(num(attr(r, n.retention)), graph.Number(retention, r.Loc)))
	p.Set("deletion_protection", orDefault(boolean(attr(r, n.protection)), graph.Bool(false, r.Loc)))
	setTLS(idx, r, p, n.engine, n.version, n.group, rdsInstanceGroupTypes)
}

// setTLS sets a database's engine, the parameter that forces TLS for it
// (tls_parameter) and whether its parameter group sets it (tls_required).
func setTLS(idx *unitIndex, r *graph.Resource, p *graph.Value, engineKey, versionKey, groupKey string, groupTypes []string) {
	engine := orDefault(str(attr(r, engineKey)), graph.String("", r.Loc))
	p.Set("engine", engine)
	if engine.Kind != graph.KindString {
		p.Set("tls_parameter", graph.Unknown("the engine is not known", engine.Loc))
		p.Set("tls_required", graph.Unknown("the engine is not known", engine.Loc))
		return
	}
	param := tlsParameter(engine.Str)
	p.Set("tls_parameter", graph.String(param, engine.Loc))
	if param == "" {
		p.Set("tls_required", graph.Bool(false, r.Loc))
		return
	}
	p.Set("tls_required", tlsForced(idx, r, attr(r, groupKey), groupTypes, param, engine.Str, str(attr(r, versionKey))))
}

// publiclyAccessible is an instance's PubliclyAccessible. The Terraform
// provider sends false when it is absent; CloudFormation leaves it to AWS,
// which makes the instance public when its VPC (the default VPC without a
// subnet group) has an internet gateway: Unknown.
func publiclyAccessible(r *graph.Resource, key string) *graph.Value {
	v := boolean(attr(r, key))
	if v != nil || r.Source != graph.SourceCloudFormation {
		return orDefault(v, graph.Bool(false, r.Loc))
	}
	return graph.Unknown("PubliclyAccessible is not set: AWS makes the instance public when its VPC has an internet gateway", r.Loc)
}

// storageEncrypted is a database's storage encryption: the attribute when
// it says true; inherited (Unknown, located at the attribute that names
// the source) when the database is restored from a snapshot or copies
// another one and does not turn encryption on itself, since AWS then takes
// it from the source; the attribute, or def (AWS's default), otherwise. A
// member of an Aurora cluster inherits the cluster's, which the cluster
// records: the member says false unless it sets it.
func storageEncrypted(r *graph.Resource, key string, member bool, restored []string, def bool) *graph.Value {
	v := boolean(attr(r, key))
	if v != nil && v.Kind == graph.KindBool && v.Bool {
		return v
	}
	if !member {
		for _, k := range restored {
			if src := attr(r, k); src != nil && !emptyList(src) {
				return graph.Unknown("storage encryption is inherited from the source "+k+" names", src.Loc)
			}
		}
	}
	return orDefault(v, graph.Bool(def, r.Loc))
}

// emptyList reports an empty list: a dynamic block that generates nothing
// is no block.
func emptyList(v *graph.Value) bool {
	return v.Kind == graph.KindList && len(v.List) == 0
}
