package suppress

import (
	"testing"
)

// span is what a test expects of one comment: its line and the lines of
// the element it is about.
type span struct{ line, first, last int }

func spans(cs []comment) []span {
	var out []span
	for _, c := range cs {
		out = append(out, span{c.at.StartLine, c.first, c.last})
	}
	return out
}

func TestTerraformComments(t *testing.T) {
	src := `# rampart:ignore AWS-SG-002 -- above a resource
resource "aws_security_group" "a" {
  name = "a" # rampart:ignore A -- trailing
  // rampart:ignore B -- above a nested block
  ingress {
    cidr_blocks = ["0.0.0.0/0"]
  }
  # an ordinary comment
  # rampart:ignore C -- stacked comments
  # another one
  tags = {
    Name = "x"
  }
  # rampart:ignore D -- a blank line detaches it

  description = <<EOT
  # rampart:ignore E -- inside a heredoc is text
EOT
  policy = "# rampart:ignore F -- inside a string is text"
}
`
	got := spans(terraformComments([]byte(src), "main.tf"))
	want := []span{{1, 2, 20}, {3, 3, 3}, {4, 5, 7}, {9, 11, 13}, {14, 0, 0}}
	if len(got) != len(want) {
		t.Fatalf("comments = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("comment %d = %v, want %v", i, got[i], want[i])
		}
	}
}

func TestYAMLComments(t *testing.T) {
	src := `Resources:
  # rampart:ignore AWS-SG-002 -- above a resource
  Web:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: "# rampart:ignore X -- in a string"
      SecurityGroupIngress:
      # rampart:ignore B -- above a list item
      - CidrIp: 0.0.0.0/0
        IpProtocol: tcp
      - CidrIp: 10.0.0.0/8 # rampart:ignore A -- trailing
      Tags: # rampart:ignore C -- trailing a key
        - Key: a
          Value: |
            # rampart:ignore Y -- in a block scalar
  Other:
    Type: AWS::SNS::Topic
`
	got := spans(yamlComments([]byte(src), "t.yaml"))
	want := []span{{2, 3, 15}, {8, 9, 10}, {11, 11, 11}, {12, 12, 15}}
	if len(got) != len(want) {
		t.Fatalf("comments = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("comment %d = %v, want %v", i, got[i], want[i])
		}
	}
}

func TestYAMLKeyListAtTheKeysIndentation(t *testing.T) {
	src := "Resources:\n  A:\n    Ingress:\n    # rampart:ignore A -- r\n    - CidrIp: x\n      FromPort: 1\n    - CidrIp: y\n    Tags: []\n"
	got := spans(yamlComments([]byte(src), "t.yaml"))
	if len(got) != 1 || got[0] != (span{4, 5, 6}) {
		t.Errorf("comments = %v, want [{4 5 6}]", got)
	}
	src = "Resources:\n  A:\n    # rampart:ignore A -- r\n    Ingress:\n    - CidrIp: x\n    - CidrIp: y\n    Tags: []\n"
	got = spans(yamlComments([]byte(src), "t.yaml"))
	if len(got) != 1 || got[0] != (span{3, 4, 6}) {
		t.Errorf("comments = %v, want [{3 4 6}]", got)
	}
}
