package terraform

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

const fixtures = "../../testdata/terraform"

// valueCheck asserts one attribute (or, with meta set, one Meta entry) of
// one resource: its value, where it is, where it came from.
type valueCheck struct {
	res    string
	meta   string // Meta key instead of an Attrs path
	path   graph.Path
	want   string   // GoString of the value
	line   int      // Loc.StartLine (0: not checked)
	trace  []string // "file:line note", origin first (nil: not checked; empty: no hops)
	ref    string   // "resource.attr" of the value's Ref
	reason string   // substring of the Unknown reason
	secret bool     // Sensitive expected
}

type fixture struct {
	name  string
	dirs  []string // below testdata/terraform
	opts  Options
	units []string // unit paths below testdata/terraform
	// resources lists every resource ID of the first unit, in order.
	resources []string
	locs      map[string]string // resource ID -> "file:start-end"
	values    []valueCheck
	// edges and diags, when non-nil, are the complete sets:
	// "from -> to.attr path @file:line (kind)" and "severity file:line summary".
	edges []string
	diags []string
	// representative lists the IDs expected to be Representative.
	representative []string
}

func fixtureDirs(dirs []string) []string {
	out := make([]string, len(dirs))
	for i, d := range dirs {
		out[i] = filepath.Join(fixtures, d)
	}
	return out
}

func rel(file string) string {
	if file == "" {
		return ""
	}
	r, err := filepath.Rel(fixtures, file)
	if err != nil {
		return file
	}
	return filepath.ToSlash(r)
}

func hopString(h graph.Hop) string {
	return fmt.Sprintf("%s:%d %s", rel(h.File), h.StartLine, h.Note)
}

func edgeString(e graph.Edge) string {
	attr := ""
	if e.Attr != "" {
		attr = "." + e.Attr
	}
	return fmt.Sprintf("%s -> %s%s %s @%s:%d (%s)", e.From, e.To, attr, e.Path, rel(e.Location.File), e.Location.StartLine, e.Kind)
}

func diagString(d graph.Diagnostic) string {
	return fmt.Sprintf("%s %s:%d %s", d.Severity, rel(d.Location.File), d.Location.StartLine, d.Summary)
}

var fixtureTable = []fixture{
	{
		name:  "basic",
		dirs:  []string{"basic"},
		units: []string{"basic"},
		resources: []string{
			"aws_vpc.main", "aws_security_group.web",
			`aws_security_group_rule.public["https"]`, `aws_security_group_rule.public["ssh"]`,
			"aws_instance.web[0]", "aws_instance.web[1]",
			"data.aws_iam_policy_document.assume", "aws_iam_role.r", "aws_network_interface.n",
			"aws_eip.per_instance[0]", "aws_eip.per_instance[1]",
		},
		locs: map[string]string{
			"aws_security_group.web":                "basic/main.tf:53-75",
			`aws_security_group_rule.public["ssh"]`: "basic/main.tf:77-85",
		},
		values: []valueCheck{
			{res: "aws_vpc.main", path: graph.Path{"tags", "Name"}, want: `"web-platform"`, line: 49,
				trace: []string{"basic/main.tf:17 default of variable team", "basic/main.tf:42 local.name"}},
			// A conditional with a known condition keeps the chosen
			// branch's provenance, element by element, and says which
			// branch it took and what decided it.
			{res: "aws_security_group.web", path: graph.Path{"ingress", 0, "cidr_blocks", 1}, want: `"10.2.0.0/16"`, line: 61,
				trace: []string{"basic/terraform.tfvars:3 variable cidrs set in terraform.tfvars", "basic/main.tf:43 conditional is false (decided by var.enable_public)", "basic/main.tf:43 local.public"}},
			{res: "aws_security_group.web", path: graph.Path{"ingress"}, want: `[{from_port: 80, to_port: 80, protocol: "tcp", cidr_blocks: ["10.1.0.0/16", "10.2.0.0/16"]}, ` +
				`{from_port: 443, to_port: 443, protocol: "tcp", cidr_blocks: ["10.0.0.0/16"], description: "allow https"}, ` +
				`{from_port: 22, to_port: 22, protocol: "tcp", cidr_blocks: ["10.0.0.0/16"], description: "allow ssh"}]`},
			// Dynamic blocks sit at the dynamic block; their values at the
			// content attribute, with the iterator's origin.
			{res: "aws_security_group.web", path: graph.Path{"ingress", 2}, line: 64},
			{res: "aws_security_group.web", path: graph.Path{"ingress", 2, "from_port"}, want: "22", line: 68,
				trace: []string{"basic/main.tf:27 default of variable ports", "basic/main.tf:65 port.value"}},
			// A configured attribute of another resource is known, and
			// still says which resource it belongs to.
			{res: "aws_security_group.web", path: graph.Path{"ingress", 1, "cidr_blocks", 0}, want: `"10.0.0.0/16"`, line: 71,
				ref: "aws_vpc.main.cidr_block", trace: []string{"basic/main.tf:47 attribute cidr_block of aws_vpc.main"}},
			{res: "aws_security_group.web", path: graph.Path{"vpc_id"}, want: "(unknown aws_vpc.main.id)", line: 55,
				ref: "aws_vpc.main.id", reason: "computed attribute aws_vpc.main.id", trace: []string{}},
			{res: `aws_security_group_rule.public["ssh"]`, path: graph.Path{"from_port"}, want: "22", line: 80,
				trace: []string{"basic/main.tf:27 default of variable ports", "basic/main.tf:78 each.value"}},
			{res: `aws_security_group_rule.public["ssh"]`, meta: "each_key", want: `"ssh"`},
			{res: "aws_instance.web[0]", path: graph.Path{"instance_type"}, want: `"t3.micro"`, line: 91},
			{res: "aws_instance.web[1]", path: graph.Path{"instance_type"}, want: `"t3.large"`, line: 91},
			{res: "aws_instance.web[1]", meta: "count_index", want: "1"},
			{res: "aws_instance.web[0]", meta: "provider", want: `"aws.west"`, line: 89},
			// aws.west has no default_tags; the default provider has.
			{res: "aws_instance.web[0]", meta: "default_tags", want: "<nil>"},
			{res: "aws_vpc.main", meta: "default_tags", want: `{Team: "platform"}`, line: 4},
			{res: "aws_instance.web[0]", meta: "depends_on", want: `["aws_vpc.main"]`, line: 95},
			// Unknown flows through templates and impure functions.
			{res: "aws_instance.web[0]", path: graph.Path{"user_data"}, want: "(unknown)", reason: "computed attribute aws_vpc.main.id"},
			{res: "aws_instance.web[0]", path: graph.Path{"subnet_id"}, want: "(unknown)", reason: "variable vpc_id has no value"},
			{res: "data.aws_iam_policy_document.assume", path: graph.Path{"statement", 0, "principals", 0, "identifiers"}, want: `["ec2.amazonaws.com"]`, line: 103},
			{res: "aws_iam_role.r", path: graph.Path{"assume_role_policy"}, want: "(unknown data.aws_iam_policy_document.assume.json)",
				ref: "data.aws_iam_policy_document.assume.json", reason: "read at apply time"},
			// concat passes the group's id on unchanged: the element
			// still stands for it.
			{res: "aws_network_interface.n", path: graph.Path{"security_groups"}, want: `[(unknown aws_security_group.web.id), "sg-static"]`, line: 155,
				trace: []string{"basic/main.tf:150 local.sg_list"}},
			{res: "aws_network_interface.n", path: graph.Path{"security_groups", 0}, reason: "computed attribute aws_security_group.web.id"},
			{res: "aws_eip.per_instance[1]", path: graph.Path{"instance"}, want: "(unknown aws_instance.web[1].id)", ref: "aws_instance.web[1].id", line: 160},
			{res: "aws_iam_role.r", path: graph.Path{"name"}, want: `"WEB-PLATFORM"`, line: 109,
				trace: []string{"basic/main.tf:17 default of variable team", "basic/main.tf:42 local.name"}},
		},
		edges: []string{
			"aws_security_group.web -> aws_vpc.main.id vpc_id @basic/main.tf:55 (ref)",
			"aws_security_group.web -> aws_vpc.main.cidr_block ingress[1].cidr_blocks[0] @basic/main.tf:71 (ref)",
			"aws_security_group.web -> aws_vpc.main.cidr_block ingress[2].cidr_blocks[0] @basic/main.tf:71 (ref)",
			`aws_security_group_rule.public["https"] -> aws_security_group.web.id security_group_id @basic/main.tf:84 (ref)`,
			`aws_security_group_rule.public["ssh"] -> aws_security_group.web.id security_group_id @basic/main.tf:84 (ref)`,
			"aws_instance.web[0] -> aws_security_group.web.id vpc_security_group_ids[0] @basic/main.tf:92 (ref)",
			"aws_instance.web[0] -> aws_vpc.main.id user_data @basic/main.tf:93 (ref)",
			"aws_instance.web[0] -> aws_vpc.main  @basic/main.tf:95 (depends_on)",
			"aws_instance.web[1] -> aws_security_group.web.id vpc_security_group_ids[0] @basic/main.tf:92 (ref)",
			"aws_instance.web[1] -> aws_vpc.main.id user_data @basic/main.tf:93 (ref)",
			"aws_instance.web[1] -> aws_vpc.main  @basic/main.tf:95 (depends_on)",
			"aws_iam_role.r -> data.aws_iam_policy_document.assume.json assume_role_policy @basic/main.tf:110 (ref)",
			// Computed from a reference in a local: still an edge, at the
			// element the reference became.
			"aws_network_interface.n -> aws_security_group.web.id security_groups[0] @basic/main.tf:155 (ref)",
			// A computed index names one instance, not all of them.
			"aws_eip.per_instance[0] -> aws_instance.web[0].id instance @basic/main.tf:160 (ref)",
			"aws_eip.per_instance[1] -> aws_instance.web[1].id instance @basic/main.tf:160 (ref)",
		},
		// terraform, moved, import, removed and check blocks parse
		// without a word; a tfvars value nobody declared is a warning.
		diags: []string{"warning basic/terraform.tfvars:5 Value for undeclared variable"},
	},
	{
		name: "modules",
		// The child directories are scanned too, but they are called by
		// the root, so they are no roots of their own.
		dirs:  []string{"modules", "modules/modules/sg", "modules/modules/rules"},
		opts:  Options{Args: []VarArg{{File: filepath.Join(fixtures, "modules/prod.tfvars")}}},
		units: []string{"modules"},
		resources: []string{
			"aws_instance.app", "aws_network_interface.eni",
			`module.sg["db"].aws_security_group.this[0]`, `module.sg["db"].module.rules.aws_security_group_rule.egress`,
			`module.sg["web"].aws_security_group.this[0]`, `module.sg["web"].module.rules.aws_security_group_rule.egress`,
			"module.single.aws_security_group.this[0]", "module.single.module.rules.aws_security_group_rule.egress",
			"module.scaled[*].aws_security_group.this[0]", "module.scaled[*].module.rules.aws_security_group_rule.egress",
		},
		representative: []string{"module.scaled[*].aws_security_group.this[0]", "module.scaled[*].module.rules.aws_security_group_rule.egress"},
		values: []valueCheck{
			// tfvars -> module input -> nested module input -> attribute.
			{res: `module.sg["web"].module.rules.aws_security_group_rule.egress`, path: graph.Path{"cidr_blocks", 0}, want: `"10.0.0.0/8"`, line: 12,
				trace: []string{
					"modules/prod.tfvars:1 variable cidrs set in prod.tfvars",
					`modules/main.tf:31 module.sg["web"] input cidr_blocks`,
					`modules/modules/sg/main.tf:24 module.sg["web"].module.rules input cidrs`,
				}},
			{res: `module.sg["db"].aws_security_group.this[0]`, path: graph.Path{"name"}, want: `"db"`, line: 11},
			// UnknownRef through a module output names the resource inside
			// the module instance.
			{res: "aws_instance.app", path: graph.Path{"vpc_security_group_ids", 0}, want: `(unknown module.sg["web"].aws_security_group.this[0].id)`,
				ref: `module.sg["web"].aws_security_group.this[0].id`, line: 52,
				trace: []string{`modules/modules/sg/main.tf:28 module.sg["web"] output security_group_id`}},
			{res: "aws_instance.app", path: graph.Path{"tags", "Rules"}, want: "1",
				trace: []string{"modules/main.tf:37 module.single input cidr_blocks", "modules/modules/sg/main.tf:32 module.single output rule_count"}},
			{res: `module.sg["web"].module.rules.aws_security_group_rule.egress`, path: graph.Path{"security_group_id"},
				ref: `module.sg["web"].aws_security_group.this[0].id`, reason: "computed attribute"},
			// A splat over a repeated resource keeps one reference per
			// instance, through the module output.
			{res: "aws_network_interface.eni", path: graph.Path{"security_groups", 0}, want: "(unknown module.single.aws_security_group.this[0].id)",
				ref: "module.single.aws_security_group.this[0].id", line: 60,
				trace: []string{"modules/modules/sg/main.tf:36 module.single output all_ids"}},
			// providers = { aws = aws.west } passes the aliased
			// configuration, with its default tags.
			{res: "module.single.aws_security_group.this[0]", meta: "default_tags", want: `{Env: "west"}`, line: 10},
			{res: `module.sg["web"].aws_security_group.this[0]`, meta: "default_tags", want: `{Env: "prod"}`, line: 3},
		},
		edges: []string{
			`aws_instance.app -> module.sg["web"].aws_security_group.this[0].id vpc_security_group_ids[0] @modules/main.tf:52 (ref)`,
			"aws_instance.app -> module.single.aws_security_group.this[0].id vpc_security_group_ids[1] @modules/main.tf:52 (ref)",
			"aws_network_interface.eni -> module.single.aws_security_group.this[0].id security_groups[0] @modules/main.tf:60 (ref)",
			`module.sg["db"].module.rules.aws_security_group_rule.egress -> module.sg["db"].aws_security_group.this[0].id security_group_id @modules/modules/rules/main.tf:11 (ref)`,
			`module.sg["web"].module.rules.aws_security_group_rule.egress -> module.sg["web"].aws_security_group.this[0].id security_group_id @modules/modules/rules/main.tf:11 (ref)`,
			"module.single.module.rules.aws_security_group_rule.egress -> module.single.aws_security_group.this[0].id security_group_id @modules/modules/rules/main.tf:11 (ref)",
			"module.scaled[*].module.rules.aws_security_group_rule.egress -> module.scaled[*].aws_security_group.this[0].id security_group_id @modules/modules/rules/main.tf:11 (ref)",
		},
		diags: []string{},
	},
	{
		name: "precedence",
		dirs: []string{"precedence"},
		opts: Options{
			Env: []string{"PATH=/bin", "TF_VAR_from_default=env", "TF_VAR_from_env=env", "TF_WORKSPACE=staging"},
			Args: []VarArg{
				{File: filepath.Join(fixtures, "precedence/extra.tfvars")},
				{Name: "from_cli", Value: "cli"}, {Name: "cli_list", Value: `["a", "b"]`},
			},
		},
		units:     []string{"precedence"},
		resources: []string{"aws_ssm_parameter.p"},
		values: []valueCheck{
			{res: "aws_ssm_parameter.p", path: graph.Path{"tags", "from_default"}, want: `"env"`, trace: []string{":0 variable from_default set by TF_VAR_from_default"}},
			{res: "aws_ssm_parameter.p", path: graph.Path{"tags", "from_env"}, want: `"tfvars"`, trace: []string{"precedence/terraform.tfvars:1 variable from_env set in terraform.tfvars"}},
			{res: "aws_ssm_parameter.p", path: graph.Path{"tags", "from_auto"}, want: `"b.auto"`, trace: []string{"precedence/b.auto.tfvars.json:2 variable from_auto set in b.auto.tfvars.json"}},
			{res: "aws_ssm_parameter.p", path: graph.Path{"tags", "from_varfile"}, want: `"extra"`, trace: []string{"precedence/extra.tfvars:1 variable from_varfile set in extra.tfvars"}},
			{res: "aws_ssm_parameter.p", path: graph.Path{"tags", "from_cli"}, want: `"cli"`, trace: []string{":0 variable from_cli set by --var"}},
			{res: "aws_ssm_parameter.p", path: graph.Path{"tags", "not_null"}, want: `"fallback"`, trace: []string{"precedence/main.tf:38 default of variable not_null"}},
			{res: "aws_ssm_parameter.p", path: graph.Path{"tags", "workspace"}, want: `"staging"`},
			{res: "aws_ssm_parameter.p", path: graph.Path{"cli_list"}, want: `["a", "b"]`},
			{res: "aws_ssm_parameter.p", path: graph.Path{"value"}, want: `"hunter2"`, secret: true},
			{res: "aws_ssm_parameter.p", path: graph.Path{"insecure"}, want: `"hunter2-suffix"`, secret: true},
		},
		diags: []string{},
	},
	{
		name:      "optional",
		dirs:      []string{"optional"},
		units:     []string{"optional"},
		resources: []string{"aws_s3_bucket.b", "aws_s3_bucket.exprs"},
		values: []valueCheck{
			{res: "aws_s3_bucket.b", path: graph.Path{"encrypted"}, want: "true"},
			{res: "aws_s3_bucket.b", path: graph.Path{"retention"}, want: "null"},
			{res: "aws_s3_bucket.b", path: graph.Path{"rules"}, want: `[{port: 443, cidr: "10.0.0.0/8"}, {port: 22, cidr: "0.0.0.0/0"}]`},
			{res: "aws_s3_bucket.b", path: graph.Path{"rules", 1, "cidr"}, line: 24, trace: []string{"optional/main.tf:15 default of variable settings"}},
			// An attribute added by an optional() default sits with the
			// object it was added to, and comes from the default.
			{res: "aws_s3_bucket.b", path: graph.Path{"rules", 0, "cidr"}, line: 24,
				trace: []string{"optional/main.tf:8 optional() default in the type of variable settings", "optional/main.tf:14 default of variable settings"}},
			// try/can, for expressions, template directives, splats and
			// a few of Terraform's own functions.
			{res: "aws_s3_bucket.exprs", want: `{bucket: "fallback", valid: true, upper: ["A", "C"], by_name: {a: 0, b: 1, c: 2}, ` +
				`rendered: "a-b-c-many", splat: [443, 22], json: "{\"Version\":\"2012-10-17\"}", yaml: {a: 1}, starts: true}`},
			{res: "aws_s3_bucket.exprs", path: graph.Path{"splat", 1}, line: 37, trace: []string{"optional/main.tf:13 default of variable settings"}},
		},
		diags: []string{},
	},
	{
		name:  "errors",
		dirs:  []string{"errors"},
		opts:  Options{Root: filepath.Join(fixtures, "errors")},
		units: []string{"errors"},
		resources: []string{
			"aws_s3_bucket.bad_each[*]", "aws_s3_bucket.bad_func", "aws_s3_bucket.outside",
			"aws_s3_bucket.inside", "aws_s3_bucket.still_evaluated",
		},
		representative: []string{"aws_s3_bucket.bad_each[*]"},
		values: []valueCheck{
			{res: "aws_s3_bucket.bad_func", path: graph.Path{"bucket"}, want: "(unknown)", reason: "Call to unknown function"},
			{res: "aws_s3_bucket.outside", path: graph.Path{"policy"}, want: "(unknown)", reason: "invalid expression"},
			{res: "aws_s3_bucket.inside", path: graph.Path{"policy"}, want: `"{\"Version\": \"2012-10-17\"}\n"`},
			{res: "aws_s3_bucket.still_evaluated", path: graph.Path{"bucket"}, want: `"ok-x"`},
		},
		diags: []string{
			"error errors/main.tf:6 Invalid for_each argument",
			"error errors/main.tf:11 Call to unknown function",
			"error errors/main.tf:15 Module not found",
			"error errors/main.tf:20 Invalid function argument",
			"error errors/main.tf:32 Missing module source",
		},
	},
	{
		name:      "cycle",
		dirs:      []string{"cycle"},
		units:     []string{"cycle"},
		resources: []string{"aws_s3_bucket.b"},
		values: []valueCheck{
			{res: "aws_s3_bucket.b", path: graph.Path{"bucket"}, want: "(unknown)", reason: "reference cycle local.a -> local.b -> local.a"},
			{res: "aws_s3_bucket.b", path: graph.Path{"acl"}, want: `"fine"`},
		},
		diags: []string{"error cycle/main.tf:2 Cycle in references"},
	},
	{
		name:      "syntax",
		dirs:      []string{"syntax"},
		units:     []string{"syntax"},
		resources: []string{"aws_s3_bucket.b", "aws_s3_bucket.ok"},
		values: []valueCheck{
			{res: "aws_s3_bucket.ok", path: graph.Path{"bucket"}, want: `"fine"`},
		},
		diags: []string{"error syntax/main.tf:3 Invalid expression"},
	},
	{
		name:      "json",
		dirs:      []string{"json"},
		units:     []string{"json"},
		resources: []string{"aws_vpc.main", "aws_subnet.a"},
		values: []valueCheck{
			{res: "aws_vpc.main", path: graph.Path{"cidr_block"}, want: `"10.0.0.0/16"`, line: 8, trace: []string{"json/main.tf.json:3 default of variable cidr"}},
			{res: "aws_subnet.a", path: graph.Path{"cidr_block"}, want: `"10.0.1.0/24"`, line: 15},
			// "${...}" alone is the reference itself, as in a .tf file.
			{res: "aws_subnet.a", path: graph.Path{"vpc_id"}, want: "(unknown aws_vpc.main.id)", ref: "aws_vpc.main.id",
				reason: "computed attribute aws_vpc.main.id", line: 14},
			{res: "aws_vpc.main", path: graph.Path{"tags", "Name"}, want: `"main"`, line: 9},
		},
		edges: []string{
			"aws_subnet.a -> aws_vpc.main.id vpc_id @json/main.tf.json:14 (ref)",
			"aws_subnet.a -> aws_vpc.main.cidr_block cidr_block @json/main.tf.json:15 (ref)",
		},
		diags: []string{},
	},
	{
		name: "downloaded",
		// A scan that walked into .terraform does not make the
		// downloaded modules roots of their own.
		dirs:      []string{"downloaded", "downloaded/.terraform/modules/vpc", "downloaded/.terraform/modules/vpc/modules/sub"},
		units:     []string{"downloaded"},
		resources: []string{"aws_flow_log.f", "module.vpc.aws_vpc.this", "module.vpc.module.sub.aws_subnet.s"},
		values: []valueCheck{
			{res: "aws_flow_log.f", path: graph.Path{"vpc_id"}, ref: "module.vpc.aws_vpc.this.id", want: "(unknown module.vpc.aws_vpc.this.id)"},
			{res: "aws_flow_log.f", path: graph.Path{"log_destination"}, want: "(unknown)", reason: "outputs of module gone is not available"},
			{res: "module.vpc.aws_vpc.this", path: graph.Path{"cidr_block"}, want: `"10.9.0.0/16"`,
				trace: []string{"downloaded/main.tf:4 module.vpc input cidr"}},
		},
		edges: []string{
			"aws_flow_log.f -> module.vpc.aws_vpc.this.id vpc_id @downloaded/main.tf:12 (ref)",
			"module.vpc.module.sub.aws_subnet.s -> module.vpc.aws_vpc.this.id vpc_id @downloaded/.terraform/modules/vpc/modules/sub/main.tf:6 (ref)",
		},
		diags: []string{"note downloaded/main.tf:8 module gone not downloaded; its outputs are Unknown"},
	},
	{
		name:  "representative",
		dirs:  []string{"representative"},
		units: []string{"representative"},
		resources: []string{
			"data.aws_availability_zones.azs", "aws_instance.web[*]", "aws_s3_bucket.b[*]", "aws_subnet.az[*]", "aws_eip.ip",
		},
		representative: []string{"aws_instance.web[*]", "aws_s3_bucket.b[*]", "aws_subnet.az[*]"},
		values: []valueCheck{
			{res: "aws_instance.web[*]", path: graph.Path{"ami"}, want: `"ami-1"`},
			{res: "aws_instance.web[*]", path: graph.Path{"instance_type"}, want: "(unknown)", reason: "count of aws_instance.web is not known before apply"},
			{res: "aws_subnet.az[*]", path: graph.Path{"availability_zone"}, want: "(unknown)", reason: "data source data.aws_availability_zones.azs"},
			{res: "aws_eip.ip", path: graph.Path{"instance"}, ref: "aws_instance.web[*].id", want: "(unknown aws_instance.web[*].id)"},
			// Unknown through a conditional's condition and a function.
			{res: "aws_eip.ip", path: graph.Path{"domain"}, want: "(unknown)", reason: "variable buckets has no value", line: 30},
		},
		edges: []string{
			"aws_subnet.az[*] -> data.aws_availability_zones.azs.names availability_zone @representative/main.tf:24 (ref)",
			"aws_eip.ip -> aws_instance.web[*].id instance @representative/main.tf:29 (ref)",
		},
		diags: []string{},
	},
	{
		// An evaluation error inside an instance whose count/for_each is
		// unknown makes the value Unknown and is a note, not an error:
		// terraform-aws-vpc's coalescelist over two empty splats.
		name:  "representative errors",
		dirs:  []string{"representative_errors"},
		units: []string{"representative_errors"},
		resources: []string{
			"aws_route_table_association.database[*]", "aws_route_table_association.known", "module.one[*].aws_s3_bucket.b",
		},
		representative: []string{"aws_route_table_association.database[*]", "module.one[*].aws_s3_bucket.b"},
		values: []valueCheck{
			{res: "aws_route_table_association.database[*]", path: graph.Path{"route_table_id"}, want: "(unknown)", line: 26,
				reason: `could not be evaluated for an instance whose count/for_each is unknown: Error in function call: Call to function "coalescelist" failed`},
			{res: "aws_route_table_association.database[*]", path: graph.Path{"subnet_id"}, want: "(unknown)", reason: "count of aws_route_table_association.database is not known before apply"},
			{res: "module.one[*].aws_s3_bucket.b", path: graph.Path{"bucket"}, want: "(unknown)", line: 6,
				reason: "could not be evaluated for an instance whose count/for_each is unknown: Invalid function argument"},
			{res: "module.one[*].aws_s3_bucket.b", path: graph.Path{"acl"}, want: `"private"`},
			{res: "aws_route_table_association.known", path: graph.Path{"route_table_id"}, want: "(unknown)", reason: "invalid expression: Invalid function argument"},
		},
		diags: []string{
			"note representative_errors/main.tf:26 Error in function call",
			"note representative_errors/one/main.tf:6 Invalid function argument",
			"error representative_errors/main.tf:29 Call to unknown function",
			"error representative_errors/main.tf:43 Invalid function argument",
		},
	},
	{
		name:      "nested dynamic",
		dirs:      []string{"nested"},
		units:     []string{"nested"},
		resources: []string{"aws_wafv2_web_acl.acl"},
		locs:      map[string]string{"aws_wafv2_web_acl.acl": "nested/main.tf:14-41"},
		values: []valueCheck{
			// lifecycle and provisioner blocks are no attributes.
			{res: "aws_wafv2_web_acl.acl", want: `{name: "acl", rule: [{name: "admin", statement: [{port: 22, cidrs: ["192.168.1.0/24", "192.168.2.0/24"]}]}, ` +
				`{name: "web", statement: [{port: 80, cidrs: ["10.0.0.0/8"]}, {port: 443, cidrs: ["10.0.0.0/8"]}]}]}`},
			{res: "aws_wafv2_web_acl.acl", path: graph.Path{"rule", 1}, line: 17},
			{res: "aws_wafv2_web_acl.acl", path: graph.Path{"rule", 1, "statement", 1}, line: 22},
			{res: "aws_wafv2_web_acl.acl", path: graph.Path{"rule", 1, "statement", 1, "port"}, want: "443", line: 26,
				trace: []string{"nested/main.tf:4 local.rules", "nested/main.tf:18 rule.value", "nested/main.tf:23 port.value"}},
			{res: "aws_wafv2_web_acl.acl", path: graph.Path{"rule", 0, "name"}, want: `"admin"`, line: 20},
			{res: "aws_wafv2_web_acl.acl", meta: "lifecycle", want: "{prevent_destroy: true}"},
		},
		edges: []string{},
		diags: []string{},
	},
	{
		// override.tf, then z_override.tf.json (lexical order), merge into
		// main.tf and main.tf.json.
		name:  "override",
		dirs:  []string{"override"},
		units: []string{"override"},
		// count = 2 in override.tf replaces count = 1.
		resources: []string{
			"aws_security_group.web", "aws_s3_bucket.logs[0]", "aws_s3_bucket.logs[1]",
			"aws_autoscaling_group.asg", "aws_eip.ip[0]", "aws_iam_role.app", "module.store.aws_s3_bucket.this",
		},
		// A resource stays located at its original block.
		locs: map[string]string{
			"aws_security_group.web": "override/main.tf:16-42",
			"aws_s3_bucket.logs[1]":  "override/main.tf:44-55",
			"aws_iam_role.app":       "override/main.tf.json:4-4",
		},
		values: []valueCheck{
			// Arguments replace one by one, in place; the dynamic
			// "ingress" replaces both literal ingress blocks, the JSON
			// egress list the egress block.
			{res: "aws_security_group.web", want: `{name: "app-prod", description: "from json", ` +
				`ingress: [{from_port: 8080, to_port: 8080, cidr_blocks: ["0.0.0.0/0"]}], ` +
				`egress: [{from_port: 443, to_port: 443, cidr_blocks: ["10.0.0.0/8"]}]}`, line: 16},
			// The variable default and the local come from override.tf.
			{res: "aws_security_group.web", path: graph.Path{"name"}, want: `"app-prod"`, line: 17,
				trace: []string{"override/override.tf:2 default of variable env", "override/main.tf:6 local.name"}},
			// The last override file wins, located where it writes it.
			{res: "aws_security_group.web", path: graph.Path{"description"}, want: `"from json"`, line: 5, trace: []string{}},
			{res: "aws_security_group.web", path: graph.Path{"ingress", 0}, line: 12},
			{res: "aws_security_group.web", path: graph.Path{"ingress", 0, "from_port"}, want: "8080", line: 15,
				trace: []string{"override/override.tf:6 local.port", "override/override.tf:13 ingress.value"}},
			{res: "aws_security_group.web", path: graph.Path{"egress", 0}, line: 7},
			{res: "aws_security_group.web", path: graph.Path{"egress", 0, "cidr_blocks", 0}, want: `"10.0.0.0/8"`, line: 7},
			// lifecycle merges per argument.
			{res: "aws_security_group.web", meta: "lifecycle", want: "{create_before_destroy: true, prevent_destroy: true}", line: 38},
			{res: "aws_s3_bucket.logs[1]", path: graph.Path{"bucket"}, want: `"app-prod-logs-1"`, line: 46},
			{res: "aws_s3_bucket.logs[1]", path: graph.Path{"tags"}, want: `{Env: "json"}`, line: 13},
			{res: "aws_s3_bucket.logs[1]", meta: "count_index", want: "1", line: 27},
			// A .tf.json dynamic "grant" replaces the literal grant block.
			{res: "aws_s3_bucket.logs[0]", path: graph.Path{"grant"}, want: `[{type: "Group", permissions: ["READ"]}, {type: "Group", permissions: ["WRITE"]}]`},
			{res: "aws_s3_bucket.logs[0]", path: graph.Path{"grant", 1}, line: 15},
			{res: "aws_s3_bucket.logs[0]", path: graph.Path{"grant", 1, "permissions", 0}, want: `"WRITE"`, line: 20,
				trace: []string{"override/z_override.tf.json:16 perm.value"}},
			// A .tf override of a .tf.json resource.
			{res: "aws_iam_role.app", path: graph.Path{"name"}, want: `"role-prod"`, line: 31,
				trace: []string{"override/override.tf:2 default of variable env"}},
			{res: "aws_iam_role.app", path: graph.Path{"path"}, want: `"/app/"`, line: 6},
			{res: "aws_iam_role.app", meta: "depends_on", want: "<nil>"},
			// type = number in the override converts the original default.
			{res: "aws_autoscaling_group.asg", path: graph.Path{"desired_capacity"}, want: "3", line: 72,
				trace: []string{"override/main.tf:68 default of variable replicas"}},
			// count from the override beside the original for_each: the
			// error, and count is kept.
			{res: "aws_eip.ip[0]", path: graph.Path{"domain"}, want: `"vpc"`, line: 77},
			// A module argument and a provider's nested block.
			{res: "module.store.aws_s3_bucket.this", path: graph.Path{"bucket"}, want: `"store-prod"`, line: 6,
				trace: []string{"override/override.tf:2 default of variable env", "override/override.tf:35 module.store input name"}},
			{res: "aws_iam_role.app", meta: "default_tags", want: `{Team: "json"}`, line: 29},
		},
		edges: []string{},
		diags: []string{
			"error override/override.tf:42 Missing base block for override",
			"error override/override.tf:46 Cannot override \"moved\" blocks",
			// depends_on cannot be overridden: no depends_on edge, no Meta.
			"error override/override.tf:52 Unsupported override",
			"error override/main.tf:76 Invalid combination of \"count\" and \"for_each\"",
			"error override/z_override.tf.json:33 Missing base block for override",
		},
	},
	{
		// The .tf.json twin of json_dynamic/hcl (TestJSONDynamicEquivalence).
		name:      "json dynamic",
		dirs:      []string{"json_dynamic/json"},
		units:     []string{"json_dynamic/json"},
		resources: []string{"aws_vpc.main", "aws_security_group.web", "aws_wafv2_web_acl.acl", "aws_wafv2_rule_group.group"},
		locs:      map[string]string{"aws_security_group.web": "json_dynamic/json/main.tf.json:18-18"},
		values: []valueCheck{
			{res: "aws_security_group.web", path: graph.Path{"ingress"}, want: `[{from_port: 8443, to_port: 8443, cidr_blocks: ["10.0.0.0/16"]}, ` +
				`{description: "admin", from_port: 22, to_port: 22, cidr_blocks: ["192.168.1.0/24", "192.168.2.0/24"]}, ` +
				`{description: "web", from_port: 80, to_port: 80, cidr_blocks: ["10.0.0.0/8"]}]`},
			// The literal JSON block is located at its object, element by
			// element; the generated ones at the dynamic block's object.
			{res: "aws_security_group.web", path: graph.Path{"ingress", 0}, line: 22},
			{res: "aws_security_group.web", path: graph.Path{"ingress", 0, "cidr_blocks", 0}, want: `"10.0.0.0/16"`, line: 25,
				ref: "aws_vpc.main.cidr_block", trace: []string{"json_dynamic/json/main.tf.json:14 attribute cidr_block of aws_vpc.main"}},
			{res: "aws_security_group.web", path: graph.Path{"ingress", 2}, line: 29},
			// The iterator override and its provenance.
			{res: "aws_security_group.web", path: graph.Path{"ingress", 2, "from_port"}, want: "80", line: 34,
				trace: []string{"json_dynamic/json/main.tf.json:7 local.rules", "json_dynamic/json/main.tf.json:30 rule.value"}},
			{res: "aws_security_group.web", path: graph.Path{"ingress", 1, "description"}, want: `"admin"`, line: 33,
				trace: []string{"json_dynamic/json/main.tf.json:30 rule.key"}},
			// An unknown for_each gives one representative block.
			{res: "aws_security_group.web", path: graph.Path{"egress"}, want: `[{cidr_blocks: [(unknown)], from_port: 0}]`},
			{res: "aws_security_group.web", path: graph.Path{"egress", 0, "cidr_blocks", 0}, line: 42,
				reason: "for_each of dynamic egress is unknown", trace: []string{"json_dynamic/json/main.tf.json:40 egress.value"}},
			{res: "aws_security_group.web", path: graph.Path{"vpc_id"}, want: "(unknown aws_vpc.main.id)", ref: "aws_vpc.main.id", line: 20},
			// Nested dynamic blocks, the inner one with its own iterator.
			{res: "aws_wafv2_web_acl.acl", want: `{name: "acl", rule: [{name: "admin", statement: [{port: 22, cidrs: ["192.168.1.0/24", "192.168.2.0/24"], vpc: (unknown aws_vpc.main.id)}]}, ` +
				`{name: "web", statement: [{port: 80, cidrs: ["10.0.0.0/8"], vpc: (unknown aws_vpc.main.id)}, {port: 443, cidrs: ["10.0.0.0/8"], vpc: (unknown aws_vpc.main.id)}]}]}`},
			{res: "aws_wafv2_web_acl.acl", path: graph.Path{"rule", 1, "statement", 1}, line: 58},
			{res: "aws_wafv2_web_acl.acl", path: graph.Path{"rule", 1, "statement", 1, "port"}, want: "443", line: 62,
				trace: []string{"json_dynamic/json/main.tf.json:7 local.rules", "json_dynamic/json/main.tf.json:54 rule.value", "json_dynamic/json/main.tf.json:59 port.value"}},
			// A dynamic block inside a nested block written as an argument.
			{res: "aws_wafv2_rule_group.group", want: `{name: "group", rule: [{name: "literal", statement: [{cidr: "192.168.1.0/24"}, {cidr: "192.168.2.0/24"}]}]}`},
			{res: "aws_wafv2_rule_group.group", path: graph.Path{"rule", 0}, line: 77},
			{res: "aws_wafv2_rule_group.group", path: graph.Path{"rule", 0, "statement", 1}, line: 80},
			{res: "aws_wafv2_rule_group.group", path: graph.Path{"rule", 0, "statement", 1, "cidr"}, want: `"192.168.2.0/24"`, line: 82,
				trace: []string{"json_dynamic/json/main.tf.json:8 local.rules", "json_dynamic/json/main.tf.json:81 statement.value"}},
		},
		edges: []string{
			"aws_security_group.web -> aws_vpc.main.id vpc_id @json_dynamic/json/main.tf.json:20 (ref)",
			"aws_security_group.web -> aws_vpc.main.cidr_block ingress[0].cidr_blocks[0] @json_dynamic/json/main.tf.json:25 (ref)",
			"aws_wafv2_web_acl.acl -> aws_vpc.main.id rule[0].statement[0].vpc @json_dynamic/json/main.tf.json:64 (ref)",
			"aws_wafv2_web_acl.acl -> aws_vpc.main.id rule[1].statement[0].vpc @json_dynamic/json/main.tf.json:64 (ref)",
			"aws_wafv2_web_acl.acl -> aws_vpc.main.id rule[1].statement[1].vpc @json_dynamic/json/main.tf.json:64 (ref)",
		},
		diags: []string{},
	},
	{
		name:      "json dynamic errors",
		dirs:      []string{"json_dynamic/errors"},
		units:     []string{"json_dynamic/errors"},
		resources: []string{"aws_security_group.bad"},
		values: []valueCheck{
			{res: "aws_security_group.bad", want: `{name: "bad", ingress: [{from_port: 1}], egress: [], rule: []}`},
		},
		diags: []string{
			"error json_dynamic/errors/main.tf.json:12 Invalid dynamic for_each value",
			"error json_dynamic/errors/main.tf.json:15 Invalid dynamic block",
			"error json_dynamic/errors/main.tf.json:19 Invalid dynamic for_each value",
			"error json_dynamic/errors/main.tf.json:20 Extraneous JSON object property",
		},
	},
	{
		// a and b call each other: neither is a root by the rule, so the
		// first becomes one, and the cycle is an error where it closes.
		name:      "module cycle",
		dirs:      []string{"modcycle/a", "modcycle/b"},
		units:     []string{"modcycle/a"},
		resources: []string{"aws_s3_bucket.a", "module.b.aws_s3_bucket.b"},
		diags:     []string{"error modcycle/b/main.tf:1 Module cycle"},
	},
	{
		name:      "roots",
		dirs:      []string{"roots/app1", "roots/app2", "roots/shared"},
		units:     []string{"roots/app1", "roots/app2"},
		resources: []string{"module.shared.aws_s3_bucket.shared"},
		values: []valueCheck{
			{res: "module.shared.aws_s3_bucket.shared", path: graph.Path{"bucket"}, want: `"shared-app1"`,
				trace: []string{"roots/app1/main.tf:3 module.shared input name"}},
		},
		diags: []string{},
	},
}

func TestLoadModules(t *testing.T) {
	for _, fx := range fixtureTable {
		t.Run(fx.name, func(t *testing.T) {
			opts := fx.opts
			if opts.Root == "" {
				opts.Root = fixtures // fixtures call modules in sibling directories
			}
			units := LoadModules(context.Background(), fixtureDirs(fx.dirs), opts)
			var paths []string
			for _, u := range units {
				paths = append(paths, rel(u.Path))
			}
			if strings.Join(paths, ",") != strings.Join(fx.units, ",") {
				t.Fatalf("units = %v, want %v", paths, fx.units)
			}
			u := units[0]
			checkUnit(t, fx, u)
		})
	}
}

func checkUnit(t *testing.T, fx fixture, u *graph.Unit) {
	t.Helper()
	var ids []string
	rep := map[string]bool{}
	for _, r := range u.Resources {
		ids = append(ids, r.ID)
		if r.Representative {
			rep[r.ID] = true
		}
		if r.Source != graph.SourceTerraform || r.Attrs == nil || r.Attrs.Kind != graph.KindMap {
			t.Errorf("%s: source %q attrs %#v", r.ID, r.Source, r.Attrs)
		}
	}
	if got, want := strings.Join(ids, "\n"), strings.Join(fx.resources, "\n"); got != want {
		t.Errorf("resources:\n%s\nwant:\n%s", got, want)
	}
	var wantRep []string
	for id := range rep {
		wantRep = append(wantRep, id)
	}
	sort.Strings(wantRep)
	exp := append([]string(nil), fx.representative...)
	sort.Strings(exp)
	if strings.Join(wantRep, ",") != strings.Join(exp, ",") {
		t.Errorf("representative = %v, want %v", wantRep, exp)
	}
	for id, want := range fx.locs {
		r := u.Resource(id)
		if r == nil {
			t.Errorf("no resource %s", id)
			continue
		}
		if got := fmt.Sprintf("%s:%d-%d", rel(r.Loc.File), r.Loc.StartLine, r.Loc.EndLine); got != want {
			t.Errorf("%s: Loc = %s, want %s", id, got, want)
		}
	}
	for _, c := range fx.values {
		checkValue(t, u, c)
	}
	if fx.edges != nil {
		var got []string
		for _, e := range u.Edges {
			got = append(got, edgeString(e))
		}
		compareSets(t, "edges", got, fx.edges)
	}
	if fx.diags != nil {
		var got []string
		for _, d := range u.Diagnostics {
			got = append(got, diagString(d))
		}
		compareSets(t, "diagnostics", got, fx.diags)
	}
}

func checkValue(t *testing.T, u *graph.Unit, c valueCheck) {
	t.Helper()
	r := u.Resource(c.res)
	if r == nil {
		t.Errorf("no resource %s", c.res)
		return
	}
	what := c.res + " " + c.path.String()
	var v *graph.Value
	if c.meta != "" {
		what = c.res + " meta " + c.meta
		v = r.Meta[c.meta]
	} else {
		v = r.Attrs.At(c.path)
	}
	if c.want != "" && v.GoString() != c.want {
		t.Errorf("%s = %s, want %s", what, v.GoString(), c.want)
	}
	if v == nil {
		return
	}
	if c.line != 0 && v.Loc.StartLine != c.line {
		t.Errorf("%s: line %d, want %d", what, v.Loc.StartLine, c.line)
	}
	if c.trace != nil {
		var got []string
		for _, h := range v.Trace {
			got = append(got, hopString(h))
		}
		if strings.Join(got, " | ") != strings.Join(c.trace, " | ") {
			t.Errorf("%s: trace\n  %s\nwant\n  %s", what, strings.Join(got, " | "), strings.Join(c.trace, " | "))
		}
	}
	if c.ref != "" {
		got := ""
		if v.Ref != nil {
			got = v.Ref.Resource + "." + v.Ref.Attr
		}
		if got != c.ref {
			t.Errorf("%s: ref %q, want %q", what, got, c.ref)
		}
	}
	if c.reason != "" && !strings.Contains(v.Reason, c.reason) {
		t.Errorf("%s: reason %q, want it to contain %q", what, v.Reason, c.reason)
	}
	if v.Sensitive != c.secret {
		t.Errorf("%s: sensitive = %v, want %v", what, v.Sensitive, c.secret)
	}
}

func compareSets(t *testing.T, what string, got, want []string) {
	t.Helper()
	sort.Strings(got)
	w := append([]string(nil), want...)
	sort.Strings(w)
	if strings.Join(got, "\n") != strings.Join(w, "\n") {
		t.Errorf("%s:\n  %s\nwant:\n  %s", what, strings.Join(got, "\n  "), strings.Join(w, "\n  "))
	}
}

func TestLoadModulesBadInput(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nope")
	units := LoadModules(context.Background(), []string{missing}, Options{})
	if len(units) != 1 {
		t.Fatalf("got %d units, want 1", len(units))
	}
	ds := units[0].Diagnostics
	if len(ds) != 1 || ds[0].Severity != graph.SeverityError || ds[0].Location.File != missing {
		t.Errorf("diagnostics %v, want one error naming %s", ds, missing)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if units := LoadModules(ctx, fixtureDirs([]string{"basic"}), Options{}); len(units) != 0 {
		t.Errorf("cancelled load returned %d units", len(units))
	}

	// A var file that does not exist is an error on every root.
	units = LoadModules(context.Background(), fixtureDirs([]string{"basic"}), Options{Args: []VarArg{{File: missing + ".tfvars"}}})
	found := false
	for _, d := range units[0].Diagnostics {
		if d.Severity == graph.SeverityError && d.Location.File == missing+".tfvars" {
			found = true
		}
	}
	if !found {
		t.Errorf("no error for the missing var file in %v", units[0].Diagnostics)
	}
}

// TestReadManifest: a directory without .terraform has no manifest, and
// no error, as one whose .terraform holds none; a manifest is read; one
// reached through a link out of the root is an error, as before.
func TestReadManifest(t *testing.T) {
	outside := writeTree(t, map[string]string{
		"modules/modules.json": `{"Modules":[{"Key":"x","Dir":"."}]}`,
	})
	root := writeTree(t, map[string]string{
		"plain/main.tf":                        "",
		"empty/.terraform/providers/p":         "",
		"full/.terraform/modules/modules.json": `{"Modules":[{"Key":"vpc","Dir":".terraform/modules/vpc"}]}`,
	})
	if err := os.MkdirAll(filepath.Join(root, "linked"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(root, "linked", ".terraform")); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		dir     string
		want    map[string]string
		wantErr bool
	}{
		{"plain", nil, false},
		{"missing", nil, false},
		{"empty", nil, false},
		{"full", map[string]string{"vpc": filepath.Join(root, "full", ".terraform", "modules", "vpc")}, false},
		{"linked", nil, true},
	} {
		got, err := readManifest(filepath.Join(root, tt.dir), root)
		if (err != nil) != tt.wantErr || !maps.Equal(got, tt.want) {
			t.Errorf("%s: %v, %v; want %v, error %t", tt.dir, got, err, tt.want, tt.wantErr)
		}
	}
}

// TestAbsRootAsEvalSymlinks: absRoot, which resolves a directory through
// its parent, gives what filepath.Abs and filepath.EvalSymlinks give, for
// directories written relative or absolute, below a link to a directory,
// through a link that climbs, a chain of links and a link that loops, and
// the directory written absolute where it does not resolve.
func TestAbsRootAsEvalSymlinks(t *testing.T) {
	base := writeTree(t, map[string]string{
		"repo/modules/a/main.tf":    "",
		"repo/examples/x/main.tf":   "",
		"elsewhere/shared/main.tf":  "",
		"repo/examples/y/c/main.tf": "",
	})
	links := map[string]string{
		"repo/linked":          "../elsewhere", // a directory outside, linked relatively
		"repo/examples/up":     "../modules",   // a link that climbs
		"repo/examples/chain":  "up",           // a link to a link
		"repo/examples/y/self": ".",            // a link to its own directory
		"repo/loop":            "loop",         // a link to itself
		"repo/absolute":        filepath.Join(base, "repo", "modules"),
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(base, filepath.FromSlash(name))); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(filepath.Join(base, "repo"))
	dirs := []string{
		".", "modules/a", "examples/x", "linked/shared", "linked", "examples/up/a",
		"examples/chain/a", "examples/y/self/self/c", "loop", "loop/x", "absolute/a",
		"examples/x/../../modules/a", "missing", "missing/below", "examples/up/../x",
		"..", "../elsewhere/shared", "/", filepath.Join(base, "repo", "linked", "shared"),
	}
	for _, wd := range []bool{true, false} {
		l := newLoader(base)
		if !wd {
			l.parser.wd = "" // as when the working directory could not be found
		}
		for _, dir := range dirs {
			want, err := filepath.Abs(dir)
			if err != nil {
				t.Fatal(err)
			}
			if real, err := filepath.EvalSymlinks(want); err == nil {
				want = real
			}
			for range 2 { // asked again, from the cache
				if got := l.absRoot(dir); got != want {
					t.Errorf("absRoot(%s) = %s, want %s", dir, got, want)
				}
			}
		}
	}
}
