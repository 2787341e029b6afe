# Helpers for the Rego unit tests: canonical resources with defaults, and
# an input built the way the engine builds it (docs/model.md). Only test
# runs load this file.
#
# Generated from the kind registry (analyzer/aws/kinds/*.yaml) and
# internal/kindgen/testing_test.rego.tmpl by `make generate-kinds`. Do not
# edit: each kind's defaults are the properties of its test_default
# example, without derived properties (the builder computes them) and with
# lists of nested objects empty.
package rampart.lib.testing

# aws.autoscaling.group: AWS::AutoScaling::AutoScalingGroup AppGroup.
autoscaling_group_defaults := {
	"target_groups": ["arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/app/0123456789abcdef"],
	"load_balancers": [],
	"launch_template": "lt-0123456789abcdef0",
	"launch_configuration": "",
	"subnets": [],
}

# autoscaling_group is the aws.autoscaling.group AppGroup: the defaults overlaid
# with props.
autoscaling_group(props) := resource("aws.autoscaling.group", "AppGroup", "AWS::AutoScaling::AutoScalingGroup", "cloudformation", overlay(autoscaling_group_defaults, props))

# aws.cloudfront.distribution: AWS::CloudFront::Distribution SiteDistribution.
distribution_defaults := {
	"cache_behaviors": [],
	"default_certificate": false,
	"minimum_protocol_version": "TLSv1.2_2021",
	"logging": true,
}

# distribution is the aws.cloudfront.distribution SiteDistribution: the defaults overlaid
# with props.
distribution(props) := resource("aws.cloudfront.distribution", "SiteDistribution", "AWS::CloudFront::Distribution", "cloudformation", overlay(distribution_defaults, props))

# aws.cloudtrail.trail: AWS::CloudTrail::Trail Trail.
cloudtrail_trail_defaults := {
	"logging": true,
	"multi_region": true,
	"organization": false,
	"log_file_validation": true,
	"kms_encrypted": true,
	"cloud_watch_logs": true,
	"cloud_watch_logs_group": "CloudTrail/logs",
	"bucket": "",
}

# cloudtrail_trail is the aws.cloudtrail.trail Trail: the defaults overlaid
# with props.
cloudtrail_trail(props) := resource("aws.cloudtrail.trail", "Trail", "AWS::CloudTrail::Trail", "cloudformation", overlay(cloudtrail_trail_defaults, props))

# aws.cloudwatch.alarm: AWS::CloudWatch::Alarm SecurityGroupChangesAlarm.
cloudwatch_alarm_defaults := {
	"metrics": [],
	"actions_enabled": true,
	"alarm_actions": ["arn:aws:sns:us-east-1:123456789012:security-alerts"],
}

# cloudwatch_alarm is the aws.cloudwatch.alarm SecurityGroupChangesAlarm: the defaults overlaid
# with props.
cloudwatch_alarm(props) := resource("aws.cloudwatch.alarm", "SecurityGroupChangesAlarm", "AWS::CloudWatch::Alarm", "cloudformation", overlay(cloudwatch_alarm_defaults, props))

# aws.config.recorder: AWS::Config::ConfigurationRecorder Recorder.
config_recorder_defaults := {
	"all_supported": true,
	"include_global_resource_types": true,
	"recording_strategy": "ALL_SUPPORTED_RESOURCE_TYPES",
	"delivery_channel": false,
	"recording": true,
}

# config_recorder is the aws.config.recorder Recorder: the defaults overlaid
# with props.
config_recorder(props) := resource("aws.config.recorder", "Recorder", "AWS::Config::ConfigurationRecorder", "cloudformation", overlay(config_recorder_defaults, props))

# aws.docdb.cluster: AWS::DocDB::DBCluster Docs.
docdb_cluster_defaults := {
	"master_password_source": "ssm",
}

# docdb_cluster is the aws.docdb.cluster Docs: the defaults overlaid
# with props.
docdb_cluster(props) := resource("aws.docdb.cluster", "Docs", "AWS::DocDB::DBCluster", "cloudformation", overlay(docdb_cluster_defaults, props))

# aws.dynamodb.table: AWS::DynamoDB::Table Orders.
dynamodb_table_defaults := {
	"point_in_time_recovery": true,
	"encryption": "customer",
}

# dynamodb_table is the aws.dynamodb.table Orders: the defaults overlaid
# with props.
dynamodb_table(props) := resource("aws.dynamodb.table", "Orders", "AWS::DynamoDB::Table", "cloudformation", overlay(dynamodb_table_defaults, props))

# aws.ec2.instance: AWS::EC2::Instance App.
instance_defaults := {
	"security_groups": ["sg-1"],
	"launch_template": false,
	"network_interfaces": 0,
	"subnet_id": "",
	"public_ip": null,
	"instance_profile": false,
	"http_tokens": "optional",
	"http_endpoint": "enabled",
	"image_id": "ami-0123456789abcdef0",
	"block_devices": [],
	"user_data": "",
}

block_device_defaults := {
	"device_name": "",
	"root": true,
	"encrypted": false,
	"kms_key_id": "",
	"snapshot_id": "",
	"implied": true,
	"present": true,
}

# block_device is a nested block_device: the defaults overlaid with props.
block_device(props) := overlay(block_device_defaults, props)

# instance is the aws.ec2.instance App: the defaults overlaid
# with props.
instance(props) := resource("aws.ec2.instance", "App", "AWS::EC2::Instance", "cloudformation", overlay(instance_defaults, props))

# aws.ec2.internet_gateway: AWS::EC2::InternetGateway InternetGateway.
internet_gateway_defaults := {
	"attached": false,
	"vpc_id": "",
}

# internet_gateway is the aws.ec2.internet_gateway InternetGateway: the defaults overlaid
# with props.
internet_gateway(props) := resource("aws.ec2.internet_gateway", "InternetGateway", "AWS::EC2::InternetGateway", "cloudformation", overlay(internet_gateway_defaults, props))

# aws.ec2.launch_template: AWS::EC2::LaunchTemplate AppTemplate.
launch_template_defaults := {
	"security_groups": ["sg-1"],
	"launch_template": false,
	"network_interfaces": 0,
	"associate_public_ip": false,
	"instance_profile": false,
	"http_tokens": "optional",
	"http_endpoint": "enabled",
	"image_id": "ami-0123456789abcdef0",
	"block_devices": [],
	"user_data": "",
}

# launch_template is the aws.ec2.launch_template AppTemplate: the defaults overlaid
# with props.
launch_template(props) := resource("aws.ec2.launch_template", "AppTemplate", "AWS::EC2::LaunchTemplate", "cloudformation", overlay(launch_template_defaults, props))

# aws.ec2.network_acl: aws_network_acl aws_network_acl.public.
network_acl_defaults := {
	"vpc_id": "vpc-1",
	"is_default": false,
	"external": false,
	"ingress": [],
	"egress": [],
	"subnets": ["subnet-1"],
}

nacl_entry_defaults := {
	"rule_number": 100,
	"action": "allow",
	"protocol": "tcp",
	"from_port": 443,
	"to_port": 443,
	"cidr": "0.0.0.0/0",
	"origin": {"id": "aws_network_acl.public", "type": "aws_network_acl"},
	"representative": false,
	"present": true,
}

# nacl_entry is a nested nacl_entry: the defaults overlaid with props.
nacl_entry(props) := overlay(nacl_entry_defaults, props)

# network_acl is the aws.ec2.network_acl aws_network_acl.public: the defaults overlaid
# with props.
network_acl(props) := resource("aws.ec2.network_acl", "aws_network_acl.public", "aws_network_acl", "terraform", overlay(network_acl_defaults, props))

# aws.ec2.network_interface: AWS::EC2::NetworkInterface AppEni.
network_interface_defaults := {
	"security_groups": ["sg-1"],
	"launch_template": false,
	"network_interfaces": 1,
}

# network_interface is the aws.ec2.network_interface AppEni: the defaults overlaid
# with props.
network_interface(props) := resource("aws.ec2.network_interface", "AppEni", "AWS::EC2::NetworkInterface", "cloudformation", overlay(network_interface_defaults, props))

# aws.ec2.route_table: aws_route_table aws_route_table.public.
route_table_defaults := {
	"vpc_id": "vpc-1",
	"is_main": false,
	"routes": [],
	"subnets": [],
}

# route_table is the aws.ec2.route_table aws_route_table.public: the defaults overlaid
# with props, and derived properties computed by
# route_table_derived unless props set them.
route_table(props) := resource("aws.ec2.route_table", "aws_route_table.public", "aws_route_table", "terraform", route_table_derived(overlay(route_table_defaults, props)))

# aws.ec2.security_group: AWS::EC2::SecurityGroup WebSG.
sg_defaults := {
	"name": "",
	"description": "web tier",
	"vpc_id": null,
	"tags": {"Application": "shop", "Environment": "prod", "Tier": "web"},
	"is_default": false,
	"external": false,
	"ingress": [],
	"egress": [],
}

rule_defaults := {
	"protocol": "tcp",
	"from_port": 443,
	"to_port": 443,
	"cidrs": [],
	"source_security_groups": [],
	"prefix_lists": [],
	"self": false,
	"description": "https from the load balancer",
	"origin": {"id": "WebSG", "type": "AWS::EC2::SecurityGroup"},
	"representative": false,
	"present": true,
}

# rule is a nested rule: the defaults overlaid with props.
rule(props) := overlay(rule_defaults, props)

# sg is the aws.ec2.security_group WebSG: the defaults overlaid
# with props, and derived properties computed by
# sg_derived unless props set them.
sg(props) := resource("aws.ec2.security_group", "WebSG", "AWS::EC2::SecurityGroup", "cloudformation", sg_derived(overlay(sg_defaults, props)))

# aws.ec2.subnet: AWS::EC2::Subnet AppSubnet.
subnet_defaults := {
	"cidr_block": "10.0.1.0/24",
	"map_public_ip_on_launch": false,
	"vpc_id": "vpc-1",
	"flow_logs": [],
}

# subnet is the aws.ec2.subnet AppSubnet: the defaults overlaid
# with props, and derived properties computed by
# subnet_derived unless props set them.
subnet(props) := resource("aws.ec2.subnet", "AppSubnet", "AWS::EC2::Subnet", "cloudformation", subnet_derived(overlay(subnet_defaults, props)))

# aws.ec2.volume: AWS::EC2::Volume DataVolume.
volume_defaults := {
	"encrypted": true,
	"kms_key_id": "arn:aws:kms:eu-west-1:111122223333:key/1",
	"snapshot_id": "",
}

# volume is the aws.ec2.volume DataVolume: the defaults overlaid
# with props.
volume(props) := resource("aws.ec2.volume", "DataVolume", "AWS::EC2::Volume", "cloudformation", overlay(volume_defaults, props))

# aws.ec2.vpc: AWS::EC2::VPC VPC.
vpc_defaults := {
	"cidr_block": "10.0.0.0/16",
	"cidr_blocks": ["10.0.0.0/16"],
	"is_default": false,
	"flow_logs": [],
}

# vpc is the aws.ec2.vpc VPC: the defaults overlaid
# with props.
vpc(props) := resource("aws.ec2.vpc", "VPC", "AWS::EC2::VPC", "cloudformation", overlay(vpc_defaults, props))

# aws.efs.file_system: AWS::EFS::FileSystem SharedFs.
efs_file_system_defaults := {
	"encrypted": true,
}

# efs_file_system is the aws.efs.file_system SharedFs: the defaults overlaid
# with props.
efs_file_system(props) := resource("aws.efs.file_system", "SharedFs", "AWS::EFS::FileSystem", "cloudformation", overlay(efs_file_system_defaults, props))

# aws.elasticache.replication_group: AWS::ElastiCache::ReplicationGroup Cache.
elasticache_replication_group_defaults := {
	"auth_token_source": "none",
	"at_rest_encryption": false,
	"transit_encryption": true,
}

# elasticache_replication_group is the aws.elasticache.replication_group Cache: the defaults overlaid
# with props.
elasticache_replication_group(props) := resource("aws.elasticache.replication_group", "Cache", "AWS::ElastiCache::ReplicationGroup", "cloudformation", overlay(elasticache_replication_group_defaults, props))

# aws.elb.load_balancer: AWS::ElasticLoadBalancing::LoadBalancer LegacyLoadBalancer.
classic_load_balancer_defaults := {
	"scheme": "internet-facing",
	"internal": false,
	"access_logs": false,
	"listeners": [],
}

# classic_load_balancer is the aws.elb.load_balancer LegacyLoadBalancer: the defaults overlaid
# with props.
classic_load_balancer(props) := resource("aws.elb.load_balancer", "LegacyLoadBalancer", "AWS::ElasticLoadBalancing::LoadBalancer", "cloudformation", overlay(classic_load_balancer_defaults, props))

# aws.elbv2.listener: AWS::ElasticLoadBalancingV2::Listener HttpListener.
listener_defaults := {
	"load_balancer_type": null,
	"protocol": "HTTP",
	"port": 80,
	"ssl_policy": "ELBSecurityPolicy-2016-08",
	"min_tls_version": "TLSv1.0",
	"default_actions": [],
}

# listener is the aws.elbv2.listener HttpListener: the defaults overlaid
# with props.
listener(props) := resource("aws.elbv2.listener", "HttpListener", "AWS::ElasticLoadBalancingV2::Listener", "cloudformation", overlay(listener_defaults, props))

# aws.elbv2.load_balancer: AWS::ElasticLoadBalancingV2::LoadBalancer WebLoadBalancer.
load_balancer_defaults := {
	"type": "application",
	"scheme": "internet-facing",
	"internal": false,
	"security_groups": ["sg-1"],
	"subnets": ["subnet-1", "subnet-2"],
	"access_logs": true,
}

# load_balancer is the aws.elbv2.load_balancer WebLoadBalancer: the defaults overlaid
# with props.
load_balancer(props) := resource("aws.elbv2.load_balancer", "WebLoadBalancer", "AWS::ElasticLoadBalancingV2::LoadBalancer", "cloudformation", overlay(load_balancer_defaults, props))

# aws.elbv2.target_group: AWS::ElasticLoadBalancingV2::TargetGroup AppTargetGroup.
target_group_defaults := {
	"target_type": "instance",
	"vpc_id": "vpc-1",
	"targets": [],
}

target_defaults := {
	"id": "i-0123456789abcdef0",
	"origin": {"id": "AppTargetGroup", "type": "AWS::ElasticLoadBalancingV2::TargetGroup"},
	"present": true,
}

# target is a nested target: the defaults overlaid with props.
target(props) := overlay(target_defaults, props)

# target_group is the aws.elbv2.target_group AppTargetGroup: the defaults overlaid
# with props.
target_group(props) := resource("aws.elbv2.target_group", "AppTargetGroup", "AWS::ElasticLoadBalancingV2::TargetGroup", "cloudformation", overlay(target_group_defaults, props))

# aws.events.rule: AWS::Events::Rule CloudTrailChangesRule.
events_rule_defaults := {
	"name": null,
	"enabled": true,
	"default_bus": true,
	"matched_events": {"cloudtrail:DeleteTrail": true, "cloudtrail:StopLogging": true, "cloudtrail:UpdateTrail": true},
	"targets": [],
}

# events_rule is the aws.events.rule CloudTrailChangesRule: the defaults overlaid
# with props.
events_rule(props) := resource("aws.events.rule", "CloudTrailChangesRule", "AWS::Events::Rule", "cloudformation", overlay(events_rule_defaults, props))

# aws.iam.access_key: AWS::IAM::AccessKey DeployKey.
access_key_defaults := {
	"user": "deploy",
	"status": "Active",
}

# access_key is the aws.iam.access_key DeployKey: the defaults overlaid
# with props.
access_key(props) := resource("aws.iam.access_key", "DeployKey", "AWS::IAM::AccessKey", "cloudformation", overlay(access_key_defaults, props))

# aws.iam.group: AWS::IAM::Group Ops.
iam_group_defaults := {
	"name": "",
	"policies": [],
	"managed_policy_arns": [],
	"attached_policies": [],
}

# iam_group is the aws.iam.group Ops: the defaults overlaid
# with props.
iam_group(props) := resource("aws.iam.group", "Ops", "AWS::IAM::Group", "cloudformation", overlay(iam_group_defaults, props))

# aws.iam.password_policy: aws_iam_account_password_policy aws_iam_account_password_policy.strict.
password_policy_defaults := {
	"minimum_password_length": 14,
	"require_uppercase_characters": true,
	"require_lowercase_characters": true,
	"require_numbers": true,
	"require_symbols": true,
	"password_reuse_prevention": 24,
	"max_password_age": 90,
}

# password_policy is the aws.iam.password_policy aws_iam_account_password_policy.strict: the defaults overlaid
# with props.
password_policy(props) := resource("aws.iam.password_policy", "aws_iam_account_password_policy.strict", "aws_iam_account_password_policy", "terraform", overlay(password_policy_defaults, props))

# aws.iam.policy: AWS::IAM::Policy ReadLogs.
iam_policy_defaults := {
	"name": "read-logs",
	"managed": false,
	"document": {"id": "", "statements": [{"actions": ["logs:GetLogEvents"], "conditions": {}, "effect": "Allow", "not_actions": [], "not_principals": {}, "not_resources": [], "principals": {}, "resources": ["*"], "sid": ""}], "version": "2012-10-17"},
	"users": [],
	"groups": [],
	"roles": [],
}

# iam_policy is the aws.iam.policy ReadLogs: the defaults overlaid
# with props.
iam_policy(props) := resource("aws.iam.policy", "ReadLogs", "AWS::IAM::Policy", "cloudformation", overlay(iam_policy_defaults, props))

# aws.iam.role: AWS::IAM::Role FunctionRole.
iam_role_defaults := {
	"name": "",
	"policies": [],
	"managed_policy_arns": ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"],
	"trust_policy": {"id": "", "statements": [{"actions": ["sts:AssumeRole"], "conditions": {}, "effect": "Allow", "not_actions": [], "not_principals": {}, "not_resources": [], "principals": {"Service": ["lambda.amazonaws.com"]}, "resources": [], "sid": ""}], "version": "2012-10-17"},
	"attached_policies": [],
}

# iam_role is the aws.iam.role FunctionRole: the defaults overlaid
# with props.
iam_role(props) := resource("aws.iam.role", "FunctionRole", "AWS::IAM::Role", "cloudformation", overlay(iam_role_defaults, props))

# aws.iam.user: AWS::IAM::User Ops.
iam_user_defaults := {
	"name": "",
	"policies": [],
	"managed_policy_arns": [],
	"attached_policies": [],
}

# iam_user is the aws.iam.user Ops: the defaults overlaid
# with props.
iam_user(props) := resource("aws.iam.user", "Ops", "AWS::IAM::User", "cloudformation", overlay(iam_user_defaults, props))

# aws.kms.key: AWS::KMS::Key DataKey.
kms_key_defaults := {
	"key_spec": "SYMMETRIC_DEFAULT",
	"origin": "AWS_KMS",
	"rotation_enabled": true,
}

# kms_key is the aws.kms.key DataKey: the defaults overlaid
# with props.
kms_key(props) := resource("aws.kms.key", "DataKey", "AWS::KMS::Key", "cloudformation", overlay(kms_key_defaults, props))

# aws.logs.metric_filter: AWS::Logs::MetricFilter SecurityGroupChangesFilter.
metric_filter_defaults := {
	"pattern": "{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }",
	"log_group": "CloudTrail/logs",
	"log_group_in_unit": false,
	"metric_transformations": [],
	"matched_events": {"ec2:AuthorizeSecurityGroupEgress": true, "ec2:AuthorizeSecurityGroupIngress": true, "ec2:CreateSecurityGroup": true, "ec2:DeleteSecurityGroup": true, "ec2:RevokeSecurityGroupEgress": true, "ec2:RevokeSecurityGroupIngress": true},
}

# metric_filter is the aws.logs.metric_filter SecurityGroupChangesFilter: the defaults overlaid
# with props.
metric_filter(props) := resource("aws.logs.metric_filter", "SecurityGroupChangesFilter", "AWS::Logs::MetricFilter", "cloudformation", overlay(metric_filter_defaults, props))

# aws.rds.db_cluster: AWS::RDS::DBCluster Aurora.
db_cluster_defaults := {
	"master_password_source": "secrets_manager",
	"storage_encrypted": true,
	"backup_retention_period": 1,
	"deletion_protection": false,
	"engine": "aurora-postgresql",
	"tls_parameter": "rds.force_ssl",
	"tls_required": false,
}

# db_cluster is the aws.rds.db_cluster Aurora: the defaults overlaid
# with props.
db_cluster(props) := resource("aws.rds.db_cluster", "Aurora", "AWS::RDS::DBCluster", "cloudformation", overlay(db_cluster_defaults, props))

# aws.rds.db_instance: AWS::RDS::DBInstance Db.
db_instance_defaults := {
	"master_password_source": "managed",
	"cluster_member": false,
	"storage_encrypted": true,
	"read_replica": false,
	"publicly_accessible": null,
	"backup_retention_period": 1,
	"deletion_protection": false,
	"engine": "postgres",
	"tls_parameter": "rds.force_ssl",
	"tls_required": true,
}

# db_instance is the aws.rds.db_instance Db: the defaults overlaid
# with props.
db_instance(props) := resource("aws.rds.db_instance", "Db", "AWS::RDS::DBInstance", "cloudformation", overlay(db_instance_defaults, props))

# aws.rds.parameter_group: AWS::RDS::DBParameterGroup PostgresParams.
rds_parameter_group_defaults := {
	"cluster": false,
	"family": "postgres16",
	"parameters": {"rds.force_ssl": "1"},
}

# rds_parameter_group is the aws.rds.parameter_group PostgresParams: the defaults overlaid
# with props.
rds_parameter_group(props) := resource("aws.rds.parameter_group", "PostgresParams", "AWS::RDS::DBParameterGroup", "cloudformation", overlay(rds_parameter_group_defaults, props))

# aws.redshift.cluster: AWS::Redshift::Cluster Warehouse.
redshift_cluster_defaults := {
	"master_password_source": "literal",
	"encrypted": true,
	"publicly_accessible": false,
	"require_ssl": true,
}

# redshift_cluster is the aws.redshift.cluster Warehouse: the defaults overlaid
# with props.
redshift_cluster(props) := resource("aws.redshift.cluster", "Warehouse", "AWS::Redshift::Cluster", "cloudformation", overlay(redshift_cluster_defaults, props))

# aws.redshift.parameter_group: AWS::Redshift::ClusterParameterGroup WarehouseParams.
redshift_parameter_group_defaults := {
	"family": "redshift-2.0",
	"parameters": {"require_ssl": "true"},
}

# redshift_parameter_group is the aws.redshift.parameter_group WarehouseParams: the defaults overlaid
# with props.
redshift_parameter_group(props) := resource("aws.redshift.parameter_group", "WarehouseParams", "AWS::Redshift::ClusterParameterGroup", "cloudformation", overlay(redshift_parameter_group_defaults, props))

# aws.s3.account_public_access_block: aws_s3_account_public_access_block aws_s3_account_public_access_block.this.
s3_account_public_access_block_defaults := {
	"account_id": null,
	"block_public_acls": true,
	"block_public_policy": true,
	"ignore_public_acls": true,
	"restrict_public_buckets": true,
}

# s3_account_public_access_block is the aws.s3.account_public_access_block aws_s3_account_public_access_block.this: the defaults overlaid
# with props.
s3_account_public_access_block(props) := resource("aws.s3.account_public_access_block", "aws_s3_account_public_access_block.this", "aws_s3_account_public_access_block", "terraform", overlay(s3_account_public_access_block_defaults, props))

# aws.s3.bucket: AWS::S3::Bucket Bucket.
s3_bucket_defaults := {
	"name": null,
	"acl": "private",
	"grants": [],
	"object_ownership": "BucketOwnerEnforced",
	"public_access_block": {"block_public_acls": true, "block_public_policy": true, "declared": false, "ignore_public_acls": true, "restrict_public_buckets": true},
	"account_public_access_block": {"block_public_acls": false, "block_public_policy": false, "declared": false, "ignore_public_acls": false, "restrict_public_buckets": false},
	"encryption": {"algorithm": "AES256", "configured": false},
	"versioning": "Disabled",
	"mfa_delete": false,
	"access_logging": false,
	"log_target": false,
	"lifecycle_configured": false,
	"website": false,
	"policy": {"id": "", "statements": [], "version": ""},
	"receives_cloudtrail": false,
}

# s3_bucket is the aws.s3.bucket Bucket: the defaults overlaid
# with props.
s3_bucket(props) := resource("aws.s3.bucket", "Bucket", "AWS::S3::Bucket", "cloudformation", overlay(s3_bucket_defaults, props))

# aws.sns.topic: AWS::SNS::Topic Alerts.
sns_topic_defaults := {
	"encrypted": true,
}

# sns_topic is the aws.sns.topic Alerts: the defaults overlaid
# with props.
sns_topic(props) := resource("aws.sns.topic", "Alerts", "AWS::SNS::Topic", "cloudformation", overlay(sns_topic_defaults, props))

# aws.sqs.queue: AWS::SQS::Queue Orders.
sqs_queue_defaults := {
	"encryption": "kms",
}

# sqs_queue is the aws.sqs.queue Orders: the defaults overlaid
# with props.
sqs_queue(props) := resource("aws.sqs.queue", "Orders", "AWS::SQS::Queue", "cloudformation", overlay(sqs_queue_defaults, props))

# aws.tagging.resource: AWS::S3::Bucket Logs.
tagging_resource_defaults := {
	"tags": {"Environment": "prod", "Owner": "platform"},
	"tags_attribute": "Tags",
}

# tagging_resource is the aws.tagging.resource Logs: the defaults overlaid
# with props.
tagging_resource(props) := resource("aws.tagging.resource", "Logs", "AWS::S3::Bucket", "cloudformation", overlay(tagging_resource_defaults, props))

# aws.template.strings: template template.
template_strings_defaults := {
	"strings": {"provider.aws.access_key": {"decoded": false, "holder": "provider.aws.access_key", "key": "access_key", "value": "AKIAI44QH8DHBEXAMPLE"}},
}

template_string_defaults := {
	"value": "AKIAI44QH8DHBEXAMPLE",
	"key": "access_key",
	"holder": "provider.aws.access_key",
	"decoded": false,
}

# template_string is a nested template_string: the defaults overlaid with props.
template_string(props) := overlay(template_string_defaults, props)

# template_strings is the aws.template.strings template: the defaults overlaid
# with props.
template_strings(props) := resource("aws.template.strings", "template", "template", "terraform", overlay(template_strings_defaults, props))

# --- hand-written: derived properties ---------------------------------------

# sg_derived adds ingress_count and egress_count as the normalizer writes
# them, unless props set them.
sg_derived(p) := object.union({"ingress_count": rule_count(p.ingress), "egress_count": rule_count(p.egress)}, p)

rule_count(rules) := n if {
	is_array(rules)
	every r in rules {
		not r.representative
		object.get(r, "present", true) == true
	}
	n := count(rules)
} else := null

# subnet_derived adds public and route_table_id, which the normalizer
# joins from the route tables of the unit: a lone subnet's are null (its
# VPC is outside the scan).
subnet_derived(p) := object.union({"public": null, "route_table_id": null}, p)

# route_table_derived adds routes_to_internet_gateway: true when a route
# for 0.0.0.0/0 or ::/0 names an igw- gateway (the normalizer also follows
# references to gateways of the unit), unless props set it.
route_table_derived(p) := object.union({"routes_to_internet_gateway": internet_route(p.routes)}, p)

internet_route(routes) if {
	some r in routes
	r.destination in {"0.0.0.0/0", "::/0"}
	r.target_type == "internet_gateway"
} else := false

# --- hand-written: builders over the generated ones --------------------------

# ingress is a security group with the given ingress rules.
ingress(rules) := sg({"ingress": rules})

# overlay replaces the top-level keys of base that props sets (object.union
# would merge nested objects such as tags).
overlay(base, props) := object.union(object.remove(base, object.keys(props)), props)

resource(kind, id, type, source, props) := {
	"uid": sprintf("template.yaml#%s", [id]),
	"id": id,
	"kind": kind,
	"type": type,
	"source": source,
	"file": "template.yaml",
	"location": {"file": "template.yaml", "start_line": 1, "end_line": 1},
	"properties": props,
	"native": {},
	"refs": [],
}

input_of(resources) := input_with_config(resources, {})

input_with_config(resources, config) := {
	"by_kind": {kind: [r | some r in resources; r.kind == kind] | some kind in {r.kind | some r in resources}},
	"resources": {r.uid: r | some r in resources},
	"config": config,
}

# paths is the set of blamed paths of a deny set.
paths(deny) := {f.path | some f in deny}
