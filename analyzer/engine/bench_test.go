package engine

import (
	"context"
	"fmt"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// generatedGroups builds n security groups of a realistic mix: one in ten
// opens SSH to the world, one in five a database port to a partner
// network, the rest HTTPS from a load balancer range; every fourth has an
// Unknown CIDR (a variable without a value).
func generatedGroups(n int) []*graph.Canonical {
	out := make([]*graph.Canonical, 0, n)
	for i := range n {
		line := 10 + i*40
		id := fmt.Sprintf("Sg%05d", i)
		var rules []*graph.Value
		switch {
		case i%10 == 0:
			rules = append(rules, sgRule(line+8, "tcp", 22, 22, graph.String("0.0.0.0/0", at(line+9))))
		case i%5 == 0:
			rules = append(rules, sgRule(line+8, "tcp", 5432, 5432, graph.String("198.51.100.0/24", at(line+9))))
		default:
			rules = append(rules, sgRule(line+8, "tcp", 443, 443, graph.String("10.0.0.0/16", at(line+9))))
		}
		if i%4 == 0 {
			rules = append(rules, sgRule(line+12, "tcp", 8080, 8090, graph.Unknown("variable app_cidr has no value", at(line+13))))
		}
		c := securityGroup(id, line, rules...)
		c.UID = fmt.Sprintf("stacks/bench.yaml#%s", id)
		out = append(out, c)
	}
	return out
}

func BenchmarkEvaluate(b *testing.B) {
	e, err := New(context.Background(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{1000, 10000} {
		resources := generatedGroups(n)
		b.Run(fmt.Sprintf("sg-%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				out, err := e.Evaluate(context.Background(), resources, nil)
				if err != nil {
					b.Fatal(err)
				}
				if len(out.Findings) == 0 {
					b.Fatal("no findings")
				}
			}
			b.ReportMetric(float64(n), "resources/op")
		})
	}
}

func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New(context.Background(), Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
