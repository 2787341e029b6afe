package suppress

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestParseComment(t *testing.T) {
	date := time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		text    string
		rules   []string
		until   time.Time
		reason  string
		ok      bool
		wantErr string
	}{
		{text: "rampart:ignore AWS-SG-002 -- behind the VPN", rules: []string{"AWS-SG-002"}, reason: "behind the VPN", ok: true},
		{text: "rampart:ignore AWS-SG-002,sg-open-ssh until=2027-01-31 -- r", rules: []string{"AWS-SG-002", "sg-open-ssh"}, until: date, reason: "r", ok: true},
		{text: "rampart:ignore AWS-SG-002, AWS-SG-005", rules: []string{"AWS-SG-002", "AWS-SG-005"}, ok: true},
		{text: "  rampart:ignore A -- a -- b", rules: []string{"A"}, reason: "a -- b", ok: true},
		{text: "see rampart:ignore in the docs"},
		{text: "rampart:ignored A"},
		{text: "rampart:ignore -- no rule", ok: true, wantErr: "names no rule"},
		{text: "rampart:ignore A until=31/01/2027 -- r", ok: true, wantErr: `until "31/01/2027" is not a date`},
		{text: "rampart:ignore A for=ever -- r", ok: true, wantErr: `unknown option "for"`},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			rules, until, reason, ok, err := parseComment(tt.text)
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v", ok, tt.ok)
			}
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(rules, tt.rules) || !until.Equal(tt.until) || reason != tt.reason {
				t.Errorf("got %q %v %q, want %q %v %q", rules, until, reason, tt.rules, tt.until, tt.reason)
			}
		})
	}
}

func TestExpired(t *testing.T) {
	until := time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		today time.Time
		want  bool
	}{
		{time.Date(2027, 1, 30, 23, 0, 0, 0, time.UTC), false},
		{time.Date(2027, 1, 31, 23, 59, 0, 0, time.UTC), false}, // the last day it applies
		{time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC), true},
	} {
		if got := expired(until, tt.today); got != tt.want {
			t.Errorf("expired(%v) = %v, want %v", tt.today, got, tt.want)
		}
	}
	if expired(time.Time{}, time.Now()) {
		t.Error("a suppression without a date expired")
	}
}
