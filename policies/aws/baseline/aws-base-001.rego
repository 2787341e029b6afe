# METADATA
# title: Account baseline without a multi-region CloudTrail trail
# description: |
#   Account baseline (profile account-baseline): fires when no CloudTrail
#   trail anywhere in the scan both records every region
#   (IsMultiRegionTrail / is_multi_region_trail true) and is logging
#   (IsLogging / enable_logging true). The scan is judged as one account,
#   whatever units it is split into; an organization trail counts like any
#   other. With no trail at all, the finding is about the account and points
#   at line 1 of the main file of the scan's first unit (in path order),
#   naming the units considered; with trails that all fall short, each of
#   them is reported at the setting that falls short (the region setting
#   first), since fixing any one is enough. A trail whose region or logging
#   setting is not known before deployment, or that may not be created (a
#   count, for_each or Condition not known), makes the result undecided,
#   never a finding: the trails that fall short are then undecided too,
#   located at that value. Which events the trail records, and where it
#   delivers them, are the questions of AWS-CT-001..006. Runs only with
#   --profile account-baseline.
# custom:
#   id: AWS-BASE-001
#   name: baseline-cloudtrail
#   severity: HIGH
#   profile: account-baseline
#   scope: account
#   remediation: |
#     Add one trail that records every region and is logging, in the
#     account's baseline stack or root module. CloudFormation: an
#     AWS::CloudTrail::Trail with IsLogging: true, IsMultiRegionTrail: true,
#     EnableLogFileValidation: true, a KMSKeyId, a
#     CloudWatchLogsLogGroupArn with its CloudWatchLogsRoleArn, and an
#     S3BucketName whose bucket policy lets cloudtrail.amazonaws.com write.
#     Terraform: an aws_cloudtrail with is_multi_region_trail = true
#     (enable_logging defaults to true), enable_log_file_validation = true,
#     kms_key_id, cloud_watch_logs_group_arn and cloud_watch_logs_role_arn.
#   references:
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html#cloudtrail-1
#     - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html
#     - https://docs.aws.amazon.com/config/latest/developerguide/multi-region-cloudtrail-enabled.html
#   kinds:
#     - aws.cloudtrail.trail
#   reads:
#     - multi_region
#     - logging
package rampart.rules.baseline_cloudtrail

import data.rampart.lib

trails := lib.resources("aws.cloudtrail.trail")

# may_not_exist holds the uids of the trails that may not be created.
may_not_exist := {uid | some uid in input.account.may_not_exist}

# verdicts holds, for each trail that may be the baseline's, the verdict
# of "it records every region and is logging": "yes", or a placed maybe.
verdicts := {t.uid: v |
	some t in trails
	v := lib.all_of([
		lib.at(["multi_region"], lib.truth(t.properties.multi_region)),
		lib.at(["logging"], lib.truth(t.properties.logging)),
	])
}

covered if {
	some uid, v in verdicts
	v == "yes"
	not may_not_exist[uid]
}

# open lists the trails that may cover the account, each with the path of
# the value that decides it ([] when the trail may not be created), in uid
# order.
open := [[t, path] |
	some t in sort_by_uid(trails)
	path := open_path(t.uid)
]

open_path(uid) := ["multi_region"] if {
	verdicts[uid].maybe == ["multi_region"]
} else := ["logging"] if {
	verdicts[uid].maybe == ["logging"]
} else := [] if {
	verdicts[uid] == "yes"
	may_not_exist[uid]
}

sort_by_uid(rs) := [r | some uid in sort([x.uid | some x in rs]); some r in rs; r.uid == uid]

deny contains lib.account_finding("no CloudTrail trail exists in the scan: no record of API activity is kept in any region; the account baseline needs a multi-region trail that is logging") if {
	count(trails) == 0
}

deny contains lib.finding(t, shortfall_path(t.properties), message(t.id, t.properties)) if {
	not covered
	count(open) == 0
	some t in trails
}

undecided contains lib.finding(o[0], o[1], "") if {
	not covered
	some o in open
}

undecided contains lib.undecided_because(t, open[0][0], open[0][1]) if {
	not covered
	count(open) > 0
	some t in trails
	not open_path(t.uid)
}

shortfall_path(p) := ["multi_region"] if p.multi_region == false

else := ["logging"]

message(id, p) := sprintf("CloudTrail trail %v records its own region only, and no trail of the scan records every region: activity in the other regions leaves no record", [id]) if {
	p.multi_region == false
} else := sprintf("CloudTrail trail %v is not logging, and no trail of the scan that is logging records every region: API activity leaves no record", [id])
