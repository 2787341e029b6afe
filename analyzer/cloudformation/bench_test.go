package cloudformation

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// generateTemplate writes a realistic template of n resources: a VPC, and
// then security groups with ingress rules, buckets, IAM roles and RDS
// instances in turn, wired with Ref, Fn::Sub and Fn::GetAtt.
func generateTemplate(n int) []byte {
	var b strings.Builder
	b.WriteString(`AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  AllowedCidr:
    Type: String
    Default: 10.0.0.0/8
  Env:
    Type: String
    Default: prod
    AllowedValues: [dev, prod]
  DbPassword:
    Type: String
    NoEcho: true
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
`)
	for i := 1; i < n; i++ {
		switch i % 4 {
		case 0:
			fmt.Fprintf(&b, `  SG%d:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: !Sub "sg %d in ${Env}"
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 443
          ToPort: 443
          CidrIp: !Ref AllowedCidr
        - IpProtocol: tcp
          FromPort: "22"
          ToPort: "22"
          CidrIp: 10.1.0.0/16
      Tags:
        - Key: Name
          Value: !Sub "${AWS::StackName}-sg-%d"
`, i, i, i)
		case 1:
			fmt.Fprintf(&b, `  Bucket%d:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Join ["-", [data, !Ref Env, "%d"]]
      VersioningConfiguration:
        Status: !If [IsProd, Enabled, Suspended]
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: aws:kms
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: "true"
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
`, i, i)
		case 2:
			fmt.Fprintf(&b, `  Role%d:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: 2012-10-17
        Statement:
          - Effect: Allow
            Principal: {Service: [lambda.amazonaws.com]}
            Action: sts:AssumeRole
      Policies:
        - PolicyName: access
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: ["s3:GetObject", "s3:PutObject"]
                Resource: !Sub "${Bucket%d.Arn}/*"
`, i, i-1)
		case 3:
			fmt.Fprintf(&b, `  Db%d:
    Type: AWS::RDS::DBInstance
    DependsOn: Role%d
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
      AllocatedStorage: "20"
      StorageEncrypted: true
      MasterUsername: admin
      MasterUserPassword: !Ref DbPassword
      VPCSecurityGroups:
        - !GetAtt SG%d.GroupId
`, i, i-1, i+1)
		}
	}
	// Every resource referenced exists: SG(i+1) for the last Db may be
	// missing, so close the template with it.
	fmt.Fprintf(&b, `  SG%d:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: last
`, n)
	return []byte(b.String())
}

func BenchmarkParse2000(b *testing.B) {
	src := generateTemplate(2000)
	loadSchema()
	u := Parse(context.Background(), "gen.yaml", src, Options{})
	if len(u.Diagnostics) != 0 || len(u.Resources) < 2000 {
		b.Fatalf("generated template: %d resources, diagnostics %v", len(u.Resources), u.Diagnostics[:min(3, len(u.Diagnostics))])
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		Parse(context.Background(), "gen.yaml", src, Options{})
	}
}

// minifiedJSON renders a parsed template as one-line JSON (intrinsics in
// their long form), for the JSON benchmark.
func minifiedJSON(n *node, b *strings.Builder) {
	switch n.kind {
	case nMap:
		b.WriteByte('{')
		for i, k := range n.keys {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(b, "%q:", k.name)
			minifiedJSON(n.vals[i], b)
		}
		b.WriteByte('}')
	case nList:
		b.WriteByte('[')
		for i, e := range n.list {
			if i > 0 {
				b.WriteByte(',')
			}
			minifiedJSON(e, b)
		}
		b.WriteByte(']')
	case nString:
		fmt.Fprintf(b, "%q", n.str)
	case nNull:
		b.WriteString("null")
	default:
		s, _ := n.scalarString()
		b.WriteString(s)
	}
}

// BenchmarkParse2000MinifiedJSON parses the same 2,000 resources written as
// one line of JSON, where position conversion must stay linear.
func BenchmarkParse2000MinifiedJSON(b *testing.B) {
	var diags graph.Diagnostics
	root := parseYAML("gen.yaml", generateTemplate(2000), &diags)
	var sb strings.Builder
	minifiedJSON(root, &sb)
	src := []byte(sb.String())
	u := Parse(context.Background(), "gen.json", src, Options{})
	if len(u.Diagnostics) != 0 || len(u.Resources) < 2000 {
		b.Fatalf("generated template: %d resources, %d diagnostics", len(u.Resources), len(u.Diagnostics))
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		Parse(context.Background(), "gen.json", src, Options{})
	}
}
