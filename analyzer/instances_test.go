package analyzer

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/result"
)

func TestMergeInstances(t *testing.T) {
	at := func(line int) graph.Location {
		return graph.Location{File: "m/main.tf", StartLine: line, EndLine: line}
	}
	// f is the finding one instance yields: module.vpc.aws_sg.node in
	// examples/a is f("examples/a", "module.vpc", "aws_sg.node", ...).
	f := func(root, module, res string, line int, msg string) result.Finding {
		in := result.Instance{Root: root, Module: module, Resource: res,
			Trace: graph.Trace{{Location: graph.Location{File: root + "/main.tf", StartLine: 1}, Note: "from " + root}}}
		return result.Finding{RuleID: "AWS-SG-005", Severity: result.SeverityHigh, Resource: result.ResourceRef{ID: in.Address()},
			Location: at(line), Message: msg, Path: "ingress[0]", Trace: in.Trace, Instances: []result.Instance{in}}
	}
	// says builds the message an instance's own address appears in.
	says := func(module, res, rest string) string {
		return "security group " + result.Instance{Module: module, Resource: res}.Address() + rest
	}
	tests := []struct {
		name string
		in   []result.Finding
		// want lists, per merged finding, its instances' addresses as
		// root + " " + address, first instance first.
		want [][]string
	}{
		{"same module line from two roots",
			[]result.Finding{f("examples/b", "module.vpc", "aws_sg.node", 3, "m"), f("examples/a", "module.vpc", "aws_sg.node", 3, "m")},
			[][]string{{"examples/a module.vpc.aws_sg.node", "examples/b module.vpc.aws_sg.node"}}},
		{"two calls in one root, messages naming each",
			[]result.Finding{
				f(".", "module.b", "aws_sg.node", 3, says("module.b", "aws_sg.node", " opens 22")),
				f(".", "module.a", "aws_sg.node", 3, says("module.a", "aws_sg.node", " opens 22")),
			},
			[][]string{{". module.a.aws_sg.node", ". module.b.aws_sg.node"}}},
		{"module count and resource count",
			[]result.Finding{
				f(".", "module.x[1]", "aws_sg.node[0]", 3, says("module.x[1]", "aws_sg.node[0]", " opens 22")),
				f(".", "module.x[0]", "aws_sg.node[1]", 3, says("module.x[0]", "aws_sg.node[1]", " opens 22")),
				f(".", "module.x[0]", "aws_sg.node[0]", 3, says("module.x[0]", "aws_sg.node[0]", " opens 22")),
			},
			[][]string{{". module.x[0].aws_sg.node[0]", ". module.x[0].aws_sg.node[1]", ". module.x[1].aws_sg.node[0]"}}},
		{"nested stacks through two parents",
			[]result.Finding{f("b.yaml", "Net", "WebSG", 3, says("Net", "WebSG", " opens 22")), f("a.yaml", "Network", "WebSG", 3, says("Network", "WebSG", " opens 22"))},
			[][]string{{"a.yaml Network/WebSG", "b.yaml Net/WebSG"}}},
		{"messages naming the instance's parent module",
			[]result.Finding{
				f("b", `module.cluster.module.ng["x"]`, "aws_lt.this", 3, "security groups read computed attribute module.cluster.aws_sg.node.id"),
				f("a", `module.eks.module.ng["y"]`, "aws_lt.this", 3, "security groups read computed attribute module.eks.aws_sg.node.id"),
			},
			[][]string{{`a module.eks.module.ng["y"].aws_lt.this`, `b module.cluster.module.ng["x"].aws_lt.this`}}},
		{"results in the order of the result speaking for them",
			[]result.Finding{
				f("b", "module.a", "aws_sg.n", 3, says("module.a", "aws_sg.n", " opens 22")),
				f("a", "module.c", "aws_sg.o", 3, "m"),
				f("a", "module.d", "aws_sg.n", 3, says("module.d", "aws_sg.n", " opens 22")),
			},
			[][]string{{"a module.c.aws_sg.o"}, {"a module.d.aws_sg.n", "b module.a.aws_sg.n"}}},
		{"different callers, different values",
			[]result.Finding{f("a", "module.m", "aws_sg.node", 3, "opens 1-2"), f("b", "module.m", "aws_sg.node", 3, "opens 1-3")},
			[][]string{{"a module.m.aws_sg.node"}, {"b module.m.aws_sg.node"}}},
		{"different lines",
			[]result.Finding{f("a", "", "aws_sg.node", 3, "m"), f("a", "", "aws_sg.node", 4, "m")},
			[][]string{{"a aws_sg.node"}, {"a aws_sg.node"}}},
		{"different resource blocks at one line",
			[]result.Finding{f("a", "", "aws_sg.one", 3, "m"), f("a", "", "aws_sg.two", 3, "m")},
			[][]string{{"a aws_sg.one"}, {"a aws_sg.two"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, _ := mergeInstances(tt.in, nil, nil)
			var addrs [][]string
			for _, g := range got {
				var as []string
				for _, in := range g.Instances {
					as = append(as, in.Root+" "+in.Address())
				}
				addrs = append(addrs, as)
				// The finding speaks for its first instance.
				lead := g.Instances[0]
				if g.Resource.ID != lead.Address() || !reflect.DeepEqual(g.Trace, lead.Trace) {
					t.Errorf("finding for %s with trace %v, want its first instance %s with trace %v", g.Resource.ID, g.Trace, lead.Address(), lead.Trace)
				}
			}
			if !reflect.DeepEqual(addrs, tt.want) {
				t.Errorf("instances\n got %q\nwant %q", addrs, tt.want)
			}
		})
	}
}

func TestMergeInstancesUndecidedAndPassed(t *testing.T) {
	loc := graph.Location{File: "m/main.tf", StartLine: 7, EndLine: 7}
	inst := func(root string) []result.Instance {
		return []result.Instance{{Root: root, Module: "module.m", Resource: "aws_sg.x"}}
	}
	u := func(root, reason string) result.Undecided {
		return result.Undecided{RuleID: "AWS-SG-002", Resource: result.ResourceRef{ID: "module.m.aws_sg.x"}, Location: loc,
			Path: "ingress", Reason: reason, Instances: inst(root)}
	}
	p := func(root string) result.Check {
		return result.Check{RuleID: "AWS-SG-002", Resource: result.ResourceRef{ID: "module.m.aws_sg.x", Type: "aws_security_group"},
			Location: loc, Instances: inst(root)}
	}
	_, us, ps := mergeInstances(nil,
		[]result.Undecided{u("b", "variable x has no value"), u("a", "variable x has no value"), u("c", "data source d is read at apply")},
		[]result.Check{p("b"), p("a")})
	if len(us) != 2 || len(us[0].Instances) != 2 || us[0].Instances[0].Root != "a" || len(us[1].Instances) != 1 {
		t.Errorf("undecided = %+v, want the two roots with the same reason merged, root a first", us)
	}
	if len(ps) != 1 || len(ps[0].Instances) != 2 || ps[0].Instances[0].Root != "a" {
		t.Errorf("passed = %+v, want one check listing roots a and b", ps)
	}
}

// instanceList renders instances as "root module resource" lines, with
// root relative to dir, for comparing.
func instanceList(t *testing.T, dir string, ins []result.Instance) []string {
	t.Helper()
	var out []string
	for _, in := range ins {
		rel, err := filepath.Rel(dir, in.Root)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, strings.TrimSpace(filepath.ToSlash(rel)+" "+in.Module+" "+in.Resource))
	}
	return out
}

func TestSharedModuleFindingListsEveryInstance(t *testing.T) {
	dir := filepath.Join("..", "testdata", "instances", "terraform")
	scan := func(paths ...string) *Result {
		t.Helper()
		res, err := Scan(context.Background(), Options{Paths: paths, Root: dir, Boundary: dir, Rules: []string{"AWS-SG-002"}})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Errors) > 0 {
			t.Fatalf("errors: %v", res.Errors)
		}
		return res
	}
	res := scan(dir)
	if len(res.Findings) != 2 {
		t.Fatalf("got %d findings, want 2 (port 22 from four instances, port 3389 from one): %+v", len(res.Findings), res.Findings)
	}
	byPort := map[string]result.Finding{}
	for _, f := range res.Findings {
		if want := filepath.Join(dir, "modules", "sg", "main.tf"); f.Location.File != want || f.Location.StartLine != 20 {
			t.Errorf("finding at %s, want %s:20", f.Location, want)
		}
		byPort[f.Message[strings.LastIndex(f.Message, " ")+1:]] = f
	}
	ssh, rdp := byPort["22"], byPort["3389"]
	wantSSH := []string{"envs/a module.sg aws_security_group.this", "envs/b module.many[0] aws_security_group.this",
		"envs/b module.many[1] aws_security_group.this", "envs/b module.web aws_security_group.this"}
	if got := instanceList(t, dir, ssh.Instances); !reflect.DeepEqual(got, wantSSH) {
		t.Errorf("port 22 instances\n got %q\nwant %q", got, wantSSH)
	}
	if got, want := instanceList(t, dir, rdp.Instances), []string{"envs/b module.rdp aws_security_group.this"}; !reflect.DeepEqual(got, want) {
		t.Errorf("port 3389 instances %q, want %q", got, want)
	}
	if ssh.Resource.ID != "module.sg.aws_security_group.this" || !reflect.DeepEqual(ssh.Trace, ssh.Instances[0].Trace) {
		t.Errorf("finding speaks for %s with trace %v, want its first instance module.sg with trace %v", ssh.Resource.ID, ssh.Trace, ssh.Instances[0].Trace)
	}
	// Each instance keeps its own provenance: root a passes the literal,
	// root b a variable default.
	if tr := ssh.Instances[0].Trace; len(tr) != 1 || !strings.HasSuffix(filepath.ToSlash(tr[0].File), "envs/a/main.tf") {
		t.Errorf("envs/a trace = %v", tr)
	}
	if tr := ssh.Instances[3].Trace; len(tr) != 2 || tr[0].Note != "default of variable open" || tr[1].Note != "module.web input cidrs" {
		t.Errorf("envs/b module.web trace = %v", tr)
	}

	// Scanned without root b, the finding is the same finding.
	alone := scan(filepath.Join(dir, "envs", "a"), filepath.Join(dir, "modules"))
	if len(alone.Findings) != 1 || len(alone.Findings[0].Instances) != 1 {
		t.Fatalf("root a alone: %+v", alone.Findings)
	}
	if alone.Findings[0].Fingerprint != ssh.Fingerprint {
		t.Errorf("adding root b changed the fingerprint: %s alone, %s with b", alone.Findings[0].Fingerprint, ssh.Fingerprint)
	}
}

func TestNestedStackFindingListsEveryParent(t *testing.T) {
	dir := filepath.Join("..", "testdata", "instances", "cloudformation")
	res, err := Scan(context.Background(), Options{Paths: []string{dir}, Root: dir, Boundary: dir, Rules: []string{"AWS-SG-002"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) > 0 {
		t.Fatalf("errors: %v", res.Errors)
	}
	if len(res.Findings) != 1 {
		t.Fatalf("got %d findings, want 1: %+v", len(res.Findings), res.Findings)
	}
	f := res.Findings[0]
	if want := []string{"a.yaml Network Bastion", "b.yaml Net Bastion"}; !reflect.DeepEqual(instanceList(t, dir, f.Instances), want) {
		t.Errorf("instances %q, want %q", instanceList(t, dir, f.Instances), want)
	}
	if tr := f.Instances[1].Trace; len(tr) != 2 || tr[0].Note != "default of parameter Open" {
		t.Errorf("b.yaml trace = %v", tr)
	}
	// The parent passing an internal range passes the check, at the same line.
	if len(res.Passed) != 1 || !reflect.DeepEqual(instanceList(t, dir, res.Passed[0].Instances), []string{"a.yaml Internal Bastion"}) {
		t.Errorf("passed = %+v, want a.yaml's Internal stack", res.Passed)
	}
	for _, file := range res.Files {
		if strings.HasSuffix(file.Path, "sg.yaml") {
			want := "analysed as a nested stack of " + filepath.Join(dir, "a.yaml") + ", " + filepath.Join(dir, "b.yaml")
			if file.Reason != want {
				t.Errorf("sg.yaml reason %q, want %q", file.Reason, want)
			}
		}
	}
}
