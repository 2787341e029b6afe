package aws

import (
	"strings"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// Canonical kind aws.rds.db_cluster: an Aurora (or Multi-AZ) DB cluster,
// with its master password's source and its data-protection settings.
// The storage encryption of an Aurora cluster is its instances'.
const kindRDSCluster = "aws.rds.db_cluster"

func rdsClusterMapper() dbPasswordMapper {
	return dbPasswordMapper{
		name:        kindRDSCluster,
		types:       []string{"AWS::RDS::DBCluster", "aws_rds_cluster"},
		property:    "master_password_source",
		cfnPassword: "MasterUserPassword", cfnMgd: "ManageMasterUserPassword",
		tfPassword: []string{"master_password", "master_password_wo"}, tfMgd: []string{"manage_master_user_password"},
		more: rdsClusterProps,
	}
}

type rdsClusterNames struct {
	encrypted, engineMode, retention, protection string
	restored                                     []string
}

var (
	rdsClusterCFN = rdsClusterNames{
		encrypted: "StorageEncrypted", engineMode: "EngineMode",
		retention: "BackupRetentionPeriod", protection: "DeletionProtection",
		restored: []string{"SnapshotIdentifier", "SourceDBClusterIdentifier", "ReplicationSourceIdentifier"},
	}
	rdsClusterTF = rdsClusterNames{
		encrypted: "storage_encrypted", engineMode: "engine_mode",
		retention: "backup_retention_period", protection: "deletion_protection",
		restored: []string{"snapshot_identifier", "restore_to_point_in_time", "replication_source_identifier"},
	}
)

func rdsClusterProps(idx *unitIndex, r *graph.Resource, p *graph.Value) {
	n := rdsClusterCFN
	if r.Source != graph.SourceCloudFormation {
		n = rdsClusterTF
	}
	enc := storageEncrypted(r, n.encrypted, false, n.restored, false)
	if attr(r, n.encrypted) == nil && enc.Kind == graph.KindBool {
		// Aurora Serverless v1 clusters are always encrypted: absent
		// means true for engine mode serverless.
		switch mode := str(attr(r, n.engineMode)); {
		case mode == nil:
		case mode.Kind == graph.KindUnknown:
			enc = graph.Unknown("storage encryption depends on the engine mode: "+mode.Reason, mode.Loc)
		case strings.EqualFold(mode.Str, "serverless"):
			enc = graph.Bool(true, mode.Loc)
		}
	}
	p.Set("storage_encrypted", enc)
	p.Set("backup_retention_period", orDefault(num(attr(r, n.retention)), graph.Number(1, r.Loc)))
	p.Set("deletion_protection", orDefault(boolean(attr(r, n.protection)), graph.Bool(false, r.Loc)))
	if r.Source == graph.SourceCloudFormation {
		setTLS(idx, r, p, "Engine", "EngineVersion", "DBClusterParameterGroupName", rdsClusterGroupTypes)
	} else {
		setTLS(idx, r, p, "engine", "engine_version", "db_cluster_parameter_group_name", rdsClusterGroupTypes)
	}
}
