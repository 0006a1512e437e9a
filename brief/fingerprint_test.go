package brief

import "testing"

func TestFingerprint(t *testing.T) {
	base := Article{Title: "Storm closes ports", Text: "A winter storm closed every port along the northern coast on Saturday."}
	tests := []struct {
		name string
		a    Article
		same bool
	}{
		{"identical", base, true},
		{"other URL, GUID and date", Article{ID: "x", URL: "https://b.example/x", Title: base.Title, Text: base.Text}, true},
		{"case and punctuation", Article{Title: base.Title, Text: "a winter storm closed every port, along the northern coast on saturday"}, true},
		{"new title, same text", Article{Title: "Ports shut", Text: base.Text}, true},
		{"one word changed", Article{Title: base.Title, Text: "A winter storm closed every port along the southern coast on Saturday."}, false},
		{"short text: title counts", Article{Title: "Other", Text: "Breaking."}, false},
	}
	want := Fingerprint(base)
	if want == "" {
		t.Fatal("Fingerprint(base) is empty")
	}
	for _, tt := range tests {
		if got := Fingerprint(tt.a) == want; got != tt.same {
			t.Errorf("%s: Fingerprint equal = %v, want %v", tt.name, got, tt.same)
		}
	}
	if got := Fingerprint(Article{}); got != "" {
		t.Errorf("Fingerprint(empty) = %q, want empty", got)
	}
}
