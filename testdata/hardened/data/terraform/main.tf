# Hardened data stores in an existing VPC's private subnets: an Aurora
# PostgreSQL cluster (encrypted with a customer managed key, private, 14
# days of backups, deletion protection, TLS forced by its cluster parameter
# group, master password managed by Secrets Manager), a KMS key with
# rotation, an SQS queue and an SNS topic encrypted with that key, a
# DynamoDB table with point-in-time recovery and the key, an encrypted EFS
# file system, an ElastiCache replication group encrypted at rest and in
# transit with an AUTH token kept in Secrets Manager, and an encrypted
# private Redshift cluster whose parameter group requires SSL. The security
# groups admit the application tier only. No built-in rule fires.

terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.40"
    }
    random = {
      source  = "hashicorp/random"
      version = ">= 3.5"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
  default_tags {
    tags = {
      Application = "shop"
    }
  }
}

variable "vpc_id" {
  description = "The VPC the data tier lives in."
  type        = string
  default     = "vpc-0a1b2c3d4e5f60718"
}

variable "private_subnet_ids" {
  description = "Private subnets (no route to an internet gateway) of the data tier, one a zone."
  type        = list(string)
  default     = ["subnet-0a1b2c3d4e5f60711", "subnet-0a1b2c3d4e5f60722"]
}

locals {
  tags = {
    Environment = "prod"
    Tier        = "data"
    Application = "shop"
  }
}

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

# The key of the data tier.

data "aws_iam_policy_document" "data_key" {
  statement {
    sid       = "AccountAdministers"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }
  statement {
    sid       = "ServicesUseTheKeyInThisAccount"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey*"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["sns.amazonaws.com", "sqs.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_kms_key" "data" {
  description             = "Encrypts the data tier (databases, caches, queues, topics, tables, files)"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = data.aws_iam_policy_document.data_key.json
  tags                    = local.tags
}

resource "aws_kms_alias" "data" {
  name          = "alias/shop-data"
  target_key_id = aws_kms_key.data.key_id
}

# The application tier: the only source the data tier admits.

resource "aws_security_group" "app" {
  name        = "shop-app"
  description = "Application servers that use the data tier"
  vpc_id      = var.vpc_id
  tags        = merge(local.tags, { Tier = "app" })
}

resource "aws_vpc_security_group_egress_rule" "app_https" {
  security_group_id = aws_security_group.app.id
  description       = "HTTPS to AWS APIs"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
  tags              = merge(local.tags, { Tier = "app" })
}

# Aurora PostgreSQL.

resource "aws_security_group" "database" {
  name        = "shop-database"
  description = "Aurora PostgreSQL, reachable from the application tier only"
  vpc_id      = var.vpc_id
  tags        = local.tags
}

resource "aws_vpc_security_group_ingress_rule" "database_from_app" {
  security_group_id            = aws_security_group.database.id
  description                  = "PostgreSQL from the application tier"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.app.id
  tags                         = local.tags
}

resource "aws_db_subnet_group" "database" {
  name        = "shop-database"
  description = "Private subnets of the data tier"
  subnet_ids  = var.private_subnet_ids
  tags        = local.tags
}

resource "aws_rds_cluster_parameter_group" "database" {
  name        = "shop-database"
  family      = "aurora-postgresql16"
  description = "Aurora PostgreSQL 16 that refuses unencrypted connections"

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }
  parameter {
    name  = "log_connections"
    value = "1"
  }

  tags = local.tags
}

resource "aws_rds_cluster" "database" {
  cluster_identifier                  = "shop-database"
  engine                              = "aurora-postgresql"
  engine_version                      = "16.4"
  database_name                       = "shop"
  master_username                     = "shop_admin"
  manage_master_user_password         = true
  master_user_secret_kms_key_id       = aws_kms_key.data.key_id
  storage_encrypted                   = true
  kms_key_id                          = aws_kms_key.data.arn
  backup_retention_period             = 14
  deletion_protection                 = true
  copy_tags_to_snapshot               = true
  skip_final_snapshot                 = false
  final_snapshot_identifier           = "shop-database-final"
  iam_database_authentication_enabled = true
  db_cluster_parameter_group_name     = aws_rds_cluster_parameter_group.database.name
  db_subnet_group_name                = aws_db_subnet_group.database.name
  vpc_security_group_ids              = [aws_security_group.database.id]
  enabled_cloudwatch_logs_exports     = ["postgresql"]
  tags                                = local.tags
}

resource "aws_rds_cluster_instance" "database" {
  count                      = 2
  identifier                 = "shop-database-${count.index}"
  cluster_identifier         = aws_rds_cluster.database.id
  engine                     = aws_rds_cluster.database.engine
  engine_version             = aws_rds_cluster.database.engine_version
  instance_class             = "db.r6g.large"
  publicly_accessible        = false
  auto_minor_version_upgrade = true
  tags                       = local.tags
}

# Queues and topics.

resource "aws_sqs_queue" "orders_dead_letter" {
  name                      = "shop-orders-dead-letter"
  kms_master_key_id         = aws_kms_key.data.id
  message_retention_seconds = 1209600
  tags                      = local.tags
}

resource "aws_sqs_queue" "orders" {
  name                              = "shop-orders"
  kms_master_key_id                 = aws_kms_key.data.id
  kms_data_key_reuse_period_seconds = 300
  message_retention_seconds         = 1209600
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.orders_dead_letter.arn
    maxReceiveCount     = 5
  })
  tags = local.tags
}

resource "aws_sns_topic" "order_events" {
  name              = "shop-order-events"
  kms_master_key_id = aws_kms_key.data.id
  tags              = local.tags
}

# DynamoDB.

resource "aws_dynamodb_table" "sessions" {
  name                        = "shop-sessions"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "pk"
  range_key                   = "sk"
  deletion_protection_enabled = true

  attribute {
    name = "pk"
    type = "S"
  }
  attribute {
    name = "sk"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.data.arn
  }

  tags = local.tags
}

# EFS.

resource "aws_security_group" "files" {
  name        = "shop-files"
  description = "EFS mount targets, reachable from the application tier only"
  vpc_id      = var.vpc_id

  ingress {
    description     = "NFS from the application tier"
    protocol        = "tcp"
    from_port       = 2049
    to_port         = 2049
    security_groups = [aws_security_group.app.id]
  }

  tags = local.tags
}

resource "aws_efs_file_system" "files" {
  creation_token   = "shop-files"
  encrypted        = true
  kms_key_id       = aws_kms_key.data.arn
  performance_mode = "generalPurpose"
  tags             = local.tags
}

resource "aws_efs_backup_policy" "files" {
  file_system_id = aws_efs_file_system.files.id
  backup_policy {
    status = "ENABLED"
  }
}

resource "aws_efs_mount_target" "files" {
  count           = length(var.private_subnet_ids)
  file_system_id  = aws_efs_file_system.files.id
  subnet_id       = var.private_subnet_ids[count.index]
  security_groups = [aws_security_group.files.id]
}

# ElastiCache (Redis OSS).

resource "aws_security_group" "cache" {
  name        = "shop-cache"
  description = "ElastiCache, reachable from the application tier only"
  vpc_id      = var.vpc_id

  ingress {
    description     = "Redis from the application tier"
    protocol        = "tcp"
    from_port       = 6379
    to_port         = 6379
    security_groups = [aws_security_group.app.id]
  }

  tags = local.tags
}

resource "aws_elasticache_subnet_group" "cache" {
  name        = "shop-cache"
  description = "Private subnets of the data tier"
  subnet_ids  = var.private_subnet_ids
  tags        = local.tags
}

resource "random_password" "cache_auth" {
  length  = 64
  special = false
}

resource "aws_secretsmanager_secret" "cache_auth" {
  name        = "shop/cache-auth-token"
  description = "AUTH token of the shop cache"
  kms_key_id  = aws_kms_key.data.arn
  tags        = local.tags
}

resource "aws_secretsmanager_secret_version" "cache_auth" {
  secret_id     = aws_secretsmanager_secret.cache_auth.id
  secret_string = random_password.cache_auth.result
}

resource "aws_elasticache_replication_group" "cache" {
  replication_group_id       = "shop-cache"
  description                = "Session cache of the shop"
  engine                     = "redis"
  engine_version             = "7.1"
  node_type                  = "cache.r7g.large"
  num_cache_clusters         = 2
  automatic_failover_enabled = true
  multi_az_enabled           = true
  at_rest_encryption_enabled = true
  kms_key_id                 = aws_kms_key.data.arn
  transit_encryption_enabled = true
  transit_encryption_mode    = "required"
  auth_token                 = aws_secretsmanager_secret_version.cache_auth.secret_string
  subnet_group_name          = aws_elasticache_subnet_group.cache.name
  security_group_ids         = [aws_security_group.cache.id]
  snapshot_retention_limit   = 7
  tags                       = local.tags
}

# Redshift.

resource "aws_security_group" "warehouse" {
  name        = "shop-warehouse"
  description = "Redshift, reachable from the application tier only"
  vpc_id      = var.vpc_id

  ingress {
    description     = "Redshift from the application tier"
    protocol        = "tcp"
    from_port       = 5439
    to_port         = 5439
    security_groups = [aws_security_group.app.id]
  }

  tags = local.tags
}

resource "aws_redshift_subnet_group" "warehouse" {
  name        = "shop-warehouse"
  description = "Private subnets of the data tier"
  subnet_ids  = var.private_subnet_ids
  tags        = local.tags
}

resource "aws_redshift_parameter_group" "warehouse" {
  name        = "shop-warehouse"
  family      = "redshift-1.0"
  description = "Redshift that refuses unencrypted connections"

  parameter {
    name  = "require_ssl"
    value = "true"
  }
  parameter {
    name  = "enable_user_activity_logging"
    value = "true"
  }

  tags = local.tags
}

resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier                  = "shop-warehouse"
  cluster_type                        = "multi-node"
  number_of_nodes                     = 2
  node_type                           = "ra3.xlplus"
  database_name                       = "warehouse"
  master_username                     = "warehouse_admin"
  manage_master_password              = true
  master_password_secret_kms_key_id   = aws_kms_key.data.arn
  encrypted                           = true
  kms_key_id                          = aws_kms_key.data.arn
  publicly_accessible                 = false
  enhanced_vpc_routing                = true
  cluster_parameter_group_name        = aws_redshift_parameter_group.warehouse.name
  cluster_subnet_group_name           = aws_redshift_subnet_group.warehouse.name
  vpc_security_group_ids              = [aws_security_group.warehouse.id]
  automated_snapshot_retention_period = 7
  skip_final_snapshot                 = false
  final_snapshot_identifier           = "shop-warehouse-final"
  tags                                = local.tags
}
