package tristate

import "testing"

func TestKleeneLogic(t *testing.T) {
	tests := []struct {
		a, b    Truth
		and, or Truth
	}{
		{Yes, Yes, Yes, Yes},
		{Yes, Maybe, Maybe, Yes},
		{Yes, No, No, Yes},
		{Maybe, Maybe, Maybe, Maybe},
		{Maybe, No, No, Maybe},
		{No, No, No, No},
	}
	for _, tt := range tests {
		for _, ab := range [][2]Truth{{tt.a, tt.b}, {tt.b, tt.a}} {
			if got := And(ab[0], ab[1]); got != tt.and {
				t.Errorf("And(%v, %v) = %v, want %v", ab[0], ab[1], got, tt.and)
			}
			if got := Or(ab[0], ab[1]); got != tt.or {
				t.Errorf("Or(%v, %v) = %v, want %v", ab[0], ab[1], got, tt.or)
			}
		}
	}
	for in, want := range map[Truth]Truth{Yes: No, Maybe: Maybe, No: Yes} {
		if got := in.Not(); got != want {
			t.Errorf("%v.Not() = %v, want %v", in, got, want)
		}
	}
	if Of(true) != Yes || Of(false) != No {
		t.Error("Of does not map booleans to Yes and No")
	}
}
