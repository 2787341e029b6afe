// Package aws maps native CloudFormation and Terraform resources onto the
// canonical AWS model (docs/model.md). Each canonical kind lives in one file
// holding both its CloudFormation and its Terraform mapping side by side, so
// the equivalence between the two is visible and tested in one place.
//
// Normalizers apply AWS's documented defaults for absent properties (located
// at the resource, so rules never reason about absence) and fold attachments
// into their owner (separate security group rule resources into the group).
package aws

import (
	"context"
	"sort"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// mapper builds the canonical resources of one kind from a unit's native
// resources, folding attachments into their owners.
type mapper interface {
	kind() string
	normalize(u *unitIndex) []*graph.Canonical
}

// mappers lists every canonical kind; order does not matter because each
// mapper only reads the unit.
func mappers() []mapper {
	return []mapper{
		securityGroupMapper{},
		instanceMapper{},
		launchTemplateMapper{},
		networkInterfaceMapper{},
		subnetMapper{},
		volumeMapper{},
		loadBalancerMapper{},
		distributionMapper{},
		listenerMapper{},
		classicLoadBalancerMapper{},
		targetGroupMapper{},
		autoScalingGroupMapper{},
		vpcMapper{},
		routeTableMapper{},
		internetGatewayMapper{},
		networkACLMapper{},
		templateStringsMapper{},
		iamAccessKeyMapper{},
		iamPolicyMapper{},
		iamRoleMapper(),
		iamUserMapper(),
		iamGroupMapper(),
		iamPasswordPolicyMapper{},
		s3AccountPublicAccessBlockMapper{},
		rdsInstanceMapper(),
		rdsClusterMapper(),
		rdsParameterGroupMapper{},
		redshiftClusterMapper(),
		redshiftParameterGroupMapper{},
		dynamoDBTableMapper{},
		efsFileSystemMapper{},
		kmsKeyMapper{},
		sqsQueueMapper{},
		snsTopicMapper{},
		docdbClusterMapper(),
		elasticacheReplicationGroupMapper(),
		s3BucketMapper{},
		taggingMapper{},
		cloudTrailMapper{},
		configRecorderMapper{},
		metricFilterMapper{},
		cloudWatchAlarmMapper{},
		eventsRuleMapper{},
	}
}

// Kinds lists the canonical kinds the normalizers produce.
func Kinds() []string {
	var out []string
	for _, m := range mappers() {
		out = append(out, m.kind())
	}
	sort.Strings(out)
	return out
}

// Normalize maps the native resources of one unit to canonical resources.
// Data sources are never canonical resources. The result is sorted by ID for
// deterministic output. The diagnostics are what folding found wrong or
// doubtful in the unit (an attachment whose owner is outside the scan, two
// resources setting one property), located like the front-ends' own.
//
// Kinds built on demand (OnDemandKinds) are left out: NormalizeWith builds
// them too.
func Normalize(ctx context.Context, u *graph.Unit) ([]*graph.Canonical, graph.Diagnostics) {
	return normalize(ctx, u, nil)
}

// normalize is Normalize, building also the on-demand kinds in want.
func normalize(ctx context.Context, u *graph.Unit, want map[string]bool) ([]*graph.Canonical, graph.Diagnostics) {
	idx := newUnitIndex(ctx, u)
	var out []*graph.Canonical
	ms := wanted(mappers(), want)
	built := make([][]*graph.Canonical, len(ms))
	for i, m := range ms {
		if ctx.Err() != nil {
			return out, idx.diags
		}
		cs := m.normalize(idx)
		for _, c := range cs {
			c.Kind = m.kind()
			c.UID = u.Path + "#" + c.ID
		}
		built[i] = cs
		out = append(out, cs...)
	}
	// Second phase: derived properties that read across kinds, once every
	// kind is mapped.
	j := newJoins(idx)
	for i, m := range ms {
		if jm, ok := m.(joiner); ok && ctx.Err() == nil {
			jm.join(j, built[i])
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].ID != out[j].ID {
			return out[i].ID < out[j].ID
		}
		return out[i].Kind < out[j].Kind
	})
	return out, idx.diags
}
