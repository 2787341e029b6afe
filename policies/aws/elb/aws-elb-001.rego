# METADATA
# title: Load balancer without access logs
# description: |
#   Fires for each Application or Network Load Balancer
#   (AWS::ElasticLoadBalancingV2::LoadBalancer, aws_lb, aws_alb) and each
#   Classic Load Balancer (AWS::ElasticLoadBalancing::LoadBalancer, aws_elb)
#   that does not write access logs: no LoadBalancerAttributes entry
#   access_logs.s3.enabled = "true", no AccessLoggingPolicy with Enabled
#   true, or a Terraform access_logs block that is absent or disabled. An
#   aws_lb access_logs block is off unless it says enabled = true (the
#   provider's default is false even when a bucket is given); an aws_elb
#   block is on unless it says enabled = false. Network Load Balancers are
#   judged like the others, as the catalog asks, although they log TLS
#   requests only. Gateway Load Balancers have no access logs and are never
#   judged; a load balancer whose type is not known is undecided, as is
#   one whose logging setting is Unknown (a parameter, a variable, a
#   dynamic block over an unknown collection). The finding points at the
#   setting, or at the load balancer when it is absent.
# custom:
#   id: AWS-ELB-001
#   name: elb-access-logs
#   severity: MEDIUM
#   remediation: |
#     Turn access logs on and send them to an S3 bucket whose policy lets
#     Elastic Load Balancing write to it. CloudFormation: on an
#     AWS::ElasticLoadBalancingV2::LoadBalancer, LoadBalancerAttributes:
#     [{Key: access_logs.s3.enabled, Value: "true"}, {Key:
#     access_logs.s3.bucket, Value: !Ref LogBucket}]; on an
#     AWS::ElasticLoadBalancing::LoadBalancer, AccessLoggingPolicy:
#     {Enabled: true, S3BucketName: !Ref LogBucket}. Terraform: access_logs
#     { bucket = aws_s3_bucket.logs.id, enabled = true } on aws_lb (enabled
#     must be written) or aws_elb.
#   references:
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-5
#     - https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html
#     - https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-access-logs.html
#     - https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/enable-access-logs.html
#   equivalents:
#     - checkov:CKV_AWS_91
#     - checkov:CKV_AWS_92
#   kinds:
#     - aws.elbv2.load_balancer
#     - aws.elb.load_balancer
#   reads:
#     - type
#     - access_logs
package rampart.rules.elb_access_logs

import data.rampart.lib

results contains lib.result(lb, ["access_logs"], v, message(lb.id)) if {
	some lb in lib.resources("aws.elbv2.load_balancer")
	v := lib.all_of([
		lib.at(["type"], has_access_logs(lb.properties.type)),
		lib.at(["access_logs"], off(lb.properties.access_logs)),
	])
}

results contains lib.result(lb, ["access_logs"], v, message(lb.id)) if {
	some lb in lib.resources("aws.elb.load_balancer")
	v := lib.at(["access_logs"], off(lb.properties.access_logs))
}

deny := lib.certain(results)

undecided := lib.uncertain(results)

# has_access_logs: every type but Gateway Load Balancers can log.
has_access_logs(t) := "yes" if {
	is_string(t)
	t != "gateway"
}

has_access_logs(t) := "maybe" if is_null(t)

off(x) := "yes" if x == false

off(x) := "maybe" if is_null(x)

message(id) := sprintf("load balancer %v writes no access logs: who sent which request is not recorded", [id])
