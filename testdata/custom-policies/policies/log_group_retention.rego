# METADATA
# title: Log group that keeps its logs forever
# description: |
#   Fires when a CloudWatch Logs log group (AWS::Logs::LogGroup,
#   aws_cloudwatch_log_group) sets no retention (RetentionInDays,
#   retention_in_days): its logs are kept, and billed, forever. Log groups
#   have no canonical kind: the rule reads their native attributes from
#   input.by_type, and a finding's path points into them. An unknown
#   retention never fires.
# custom:
#   id: ACME-103
#   name: acme-log-group-retention
#   severity: LOW
#   remediation: Set RetentionInDays / retention_in_days to the period your logging standard requires.
package acme.rules.log_group_retention

import data.rampart.lib

retention_attr := {"AWS::Logs::LogGroup": "RetentionInDays", "aws_cloudwatch_log_group": "retention_in_days"}

deny contains f if {
	some type, attr in retention_attr
	some g in object.get(input.by_type, type, [])
	not attr in object.keys(g.native)
	f := lib.finding(g, [], sprintf("log group %v sets no retention: its logs are kept forever", [g.id]))
}
