# METADATA
# title: Account baseline without an AWS Config recorder
# description: |
#   Account baseline (profile account-baseline): fires when no AWS Config
#   configuration recorder anywhere in the scan records: a recorder records
#   when it has a delivery channel (AWS::Config::DeliveryChannel,
#   aws_config_delivery_channel of its template or module) and is started
#   (CloudFormation starts it with its channel; Terraform needs an
#   aws_config_configuration_recorder_status with is_enabled = true). A
#   recorder without either keeps no configuration history, so it does not
#   count as one. The scan is judged as one account, whatever units it is
#   split into. With no recorder at all, the finding is about the account and
#   points at line 1 of the main file of the scan's first unit (in path
#   order), naming the units considered; with recorders that all fall short,
#   each is reported at what it lacks (the delivery channel first). A setting
#   not known before deployment, a recorder that may not be created (a count,
#   for_each or Condition not known), or a delivery channel or recorder
#   status of another unit (which may be the recorder's: an account has one
#   recorder per region) makes the result undecided, never a finding. Which
#   resource types the recorder records is AWS-CFG-001's question. Runs only
#   with --profile account-baseline.
# custom:
#   id: AWS-BASE-002
#   name: baseline-config-recorder
#   severity: MEDIUM
#   profile: account-baseline
#   scope: account
#   remediation: |
#     Add an AWS Config recorder with its delivery channel to the account's
#     baseline stack or root module. CloudFormation: an
#     AWS::Config::ConfigurationRecorder (RecordingGroup AllSupported: true,
#     IncludeGlobalResourceTypes: true, a RoleARN) and an
#     AWS::Config::DeliveryChannel with an S3BucketName. Terraform: an
#     aws_config_configuration_recorder, an aws_config_delivery_channel and
#     an aws_config_configuration_recorder_status with is_enabled = true
#     (depends_on the delivery channel).
#   references:
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/config-controls.html#config-1
#     - https://docs.aws.amazon.com/config/latest/developerguide/stop-start-recorder.html
#     - https://docs.aws.amazon.com/config/latest/developerguide/manage-delivery-channel.html
#   kinds:
#     - aws.config.recorder
#   reads:
#     - delivery_channel
#     - recording
package rampart.rules.baseline_config_recorder

import data.rampart.lib

recorders := lib.resources("aws.config.recorder")

# may_not_exist holds the uids of the recorders that may not be created.
may_not_exist := {uid | some uid in input.account.may_not_exist}

# verdicts holds, for each recorder that may record, the verdict of "it
# has its delivery channel and is started": "yes", or a placed maybe.
verdicts := {r.uid: v |
	some r in recorders
	v := lib.all_of([
		lib.at(["delivery_channel"], lib.truth(r.properties.delivery_channel)),
		lib.at(["recording"], lib.truth(r.properties.recording)),
	])
}

covered if {
	some uid, v in verdicts
	v == "yes"
	not may_not_exist[uid]
}

# open lists the recorders that may record, each with the path of the
# value that decides it ([] when the recorder may not be created), in uid
# order.
open := [[r, path] |
	some uid in sort([x.uid | some x in recorders])
	some r in recorders
	r.uid == uid
	path := open_path(uid)
]

open_path(uid) := verdicts[uid].maybe if {
	is_object(verdicts[uid])
} else := [] if {
	verdicts[uid] == "yes"
	may_not_exist[uid]
}

# elsewhere lists the delivery channels and recorder statuses of the scan
# that no recorder of their own unit holds, in uid order.
elsewhere := [d |
	some uid in sort([x.uid | some x in input.account.detached])
	d := input.resources[uid]
	d.kind == "aws.config.recorder"
]

deny contains lib.account_finding("no AWS Config recorder exists in the scan: no history of resource configurations is kept; the account baseline needs a recorder with its delivery channel, started") if {
	count(recorders) == 0
}

deny contains lib.finding(r, shortfall_path(r.properties), message(r.id, r.properties)) if {
	not covered
	count(open) == 0
	count(elsewhere) == 0
	some r in recorders
}

undecided contains lib.finding(o[0], o[1], "") if {
	not covered
	some o in open
}

undecided contains lib.undecided_because(r, open[0][0], open[0][1]) if {
	not covered
	count(open) > 0
	some r in recorders
	not open_path(r.uid)
}

undecided contains lib.undecided_with(r, elsewhere[0], sprintf("%v of another unit may be this recorder's (an account has one recorder and one delivery channel per region)", [elsewhere[0].id])) if {
	not covered
	count(open) == 0
	count(elsewhere) > 0
	some r in recorders
}

shortfall_path(p) := ["delivery_channel"] if p.delivery_channel == false

else := ["recording"]

message(id, p) := sprintf("AWS Config recorder %v has no delivery channel, and no recorder of the scan records: no history of resource configurations is kept", [id]) if {
	p.delivery_channel == false
} else := sprintf("AWS Config recorder %v is never started (no aws_config_configuration_recorder_status with is_enabled = true names it), and no recorder of the scan records: no history of resource configurations is kept", [id])
