package graph

// Source names the front-end a resource came from.
type Source string

const (
	SourceCloudFormation Source = "cloudformation"
	SourceTerraform      Source = "terraform"
	SourceTerraformPlan  Source = "terraform-plan"
)

// Resource is one native resource: a CloudFormation logical resource or one
// Terraform resource instance (after count/for_each expansion).
type Resource struct {
	// ID is the CloudFormation logical ID or the Terraform address
	// (module.net.aws_security_group.web[0]). Unique within a Unit.
	ID string
	// Type is the native type: AWS::EC2::SecurityGroup, aws_security_group.
	Type string
	// Source is the front-end that produced the resource.
	Source Source
	// Loc is the resource's definition: the logical ID line through the end
	// of its body (CFN), the block header through its closing brace (TF).
	Loc Location
	// Attrs holds the resource's attributes (CFN Properties, TF block body)
	// as a map value; never nil.
	Attrs *Value
	// Meta holds front-end specific facts rules may need: for CFN the
	// resource's Metadata, Condition, DependsOn; for Terraform the module
	// address, provider, default tags. Keys are documented in docs/model.md.
	Meta map[string]*Value
	// Module is the Terraform module path ("" for the root module,
	// "module.vpc" or "module.vpc.module.sg" below it); "" for CFN.
	Module string
	// Representative marks a Terraform resource whose count or for_each
	// is Unknown: it stands for an unknown number of instances.
	Representative bool
	// DataSource marks a Terraform data source read (data.aws_iam_policy_document.x);
	// normalizers may use known data sources, rules never see them as resources.
	DataSource bool
}

// MetaExistsBecause is the Meta key of a resource that exists only because
// a condition held (a CloudFormation Condition that is true, a Terraform
// count chosen by a conditional whose condition is known): its Trace says
// which condition and which inputs decided it, and starts the trace of
// every finding about the resource.
const MetaExistsBecause = "exists_because"

// MetaSAMPolicyTemplates is the Meta key of an IAM role the CloudFormation
// front-end generates for a SAM function or state machine whose Policies
// include policy templates: a map from each inline policy's name to the
// template it was expanded from (at the template's name).
const MetaSAMPolicyTemplates = "SAMPolicyTemplates"

// EdgeKind says how one resource refers to another.
type EdgeKind string

const (
	EdgeRef       EdgeKind = "ref"        // CFN Ref, Terraform traversal
	EdgeGetAtt    EdgeKind = "getatt"     // CFN Fn::GetAtt / ${Res.Attr}
	EdgeDependsOn EdgeKind = "depends_on" // CFN DependsOn, Terraform depends_on
)

// Edge is a reference from one resource to another.
type Edge struct {
	From string   `json:"from"`
	To   string   `json:"to"`
	Kind EdgeKind `json:"kind"`
	// Attr is the referenced attribute, if any ("GroupId", "id").
	Attr string `json:"attribute,omitempty"`
	// Path is where in From's attributes the reference is written (nil for
	// depends_on).
	Path     Path     `json:"path,omitempty"`
	Location Location `json:"location"`
}

// Unit is what a front-end produces for one unit of analysis: one
// CloudFormation template (with its nested stacks), one Terraform root module
// (with its child modules) or one plan file.
type Unit struct {
	Source Source
	// Path is the template file or module directory, as given to the scan.
	Path string
	// Files lists every file that contributed, for the report's file list.
	Files []string
	// Includes are the files that files of the unit include (the template
	// of a nested stack), each with the file that includes it and, when it
	// was not read, why: the report's file list names each file's parent
	// and says which were not analysed.
	Includes    []Include
	Resources   []*Resource
	Edges       []Edge
	Diagnostics Diagnostics
	// Values are what the templates hold outside their resources
	// (parameter and variable defaults, tfvars values, locals, outputs,
	// provider arguments, mappings), for rules that read every string a
	// template holds.
	Values []TemplateValue
}

// TemplateValue is one value a template holds outside its resources.
type TemplateValue struct {
	// Holder names it the way the template does, as a dotted path:
	// variable.db_password, local.conn, output.url, provider.aws,
	// Parameters.DbPassword.Default, Outputs.Url, Mappings.Keys.
	Holder string
	// Module is the Terraform module instance address (module.db) or the
	// nested stack path (Network/), "" at the root.
	Module string
	Value  *Value
}

// Include is a file that another file of a unit includes.
type Include struct {
	File, Parent string
	// NotAnalysed says why File was not read (a nesting limit); empty when
	// it was.
	NotAnalysed string
}

// Resource returns the resource with the given ID, or nil.
func (u *Unit) Resource(id string) *Resource {
	for _, r := range u.Resources {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// Canonical is a resource in the canonical AWS model (analyzer/aws): an AWS
// concept such as aws.ec2.security_group, written once for CFN and Terraform.
type Canonical struct {
	// Kind is the canonical kind, e.g. "aws.ec2.security_group".
	Kind string
	// UID is unique in the whole scan: "<unit path>#<id>", so two
	// templates may both have a WebSG.
	UID string
	// ID is the owning native resource's ID.
	ID string
	// Native is the resource the canonical one was built from (the owner,
	// when attachments were folded into it).
	Native *Resource
	// Props are the canonical properties. Every value keeps the location
	// of the native value it came from; defaults sit at the resource.
	Props *Value
	// Parts lists the IDs of other native resources folded into this one
	// (separate rule resources, attachments).
	Parts []string
}
