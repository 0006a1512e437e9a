package brief

import "testing"

func TestCleanTitle(t *testing.T) {
	tests := []struct {
		name, title string
		sites       []string
		want        string
	}{
		{"bar and a known outlet", "Ferry fares rise for the third time this year | Al Bawaba", nil,
			"Ferry fares rise for the third time this year"},
		{"dash and a known outlet", "Ferry fares rise for the third time this year - BBC News", nil,
			"Ferry fares rise for the third time this year"},
		{"en dash and a known outlet", "Ferry fares rise again – The Guardian", nil, "Ferry fares rise again"},
		{"bar and the wire", "Ferry fares rise again | Reuters", nil, "Ferry fares rise again"},
		{"section and site after bars", "Ferry fares rise again | World news | The Guardian", nil, "Ferry fares rise again"},
		{"the source's name", "Dock strike ends - Northwind Post", []string{"Northwind Post"}, "Dock strike ends"},
		{"the host, in capitals", "Dock strike ends | HARBOURTIMES.EXAMPLE", []string{"harbourtimes.example"}, "Dock strike ends"},
		{"the URL's host", "Dock strike ends - Harbour Times", []string{"https://www.harbourtimes.example/2025/06/03/x"}, "Dock strike ends"},
		{"the host under a public suffix", "Rail talks resume - Valemouth", []string{"https://news.valemouth.co.uk/rail"}, "Rail talks resume"},
		{"the source's name with a section", "Rail talks resume - Kestrel News", []string{"Kestrel News - Business"}, "Rail talks resume"},
		{"a site's own name plus News", "Rail talks resume - Kestrel News", []string{"kestrel.example"}, "Rail talks resume"},
		{"an outlet's kind of name", "Rail talks resume - Ashford Evening Gazette", nil, "Rail talks resume"},
		{"an address", "Rail talks resume - Kestrel.com", nil, "Rail talks resume"},
		{"an acronym after a dash", "Rail talks resume after strike - KTV", nil, "Rail talks resume after strike"},
		{"a short tail after a bar", "Rail talks resume after strike | Kestrel Daily Bulletin", nil, "Rail talks resume after strike"},
		{"the site's name first", "BBC News - Rail talks resume after strike", nil, "Rail talks resume after strike"},
		{"kicker", "BREAKING: Dock strike ends.", nil, "Dock strike ends"},
		{"space runs", "  Dock   strike\nends ", nil, "Dock strike ends"},
		{"a dash inside the title", "Biden - Xi talks resume in Geneva", nil, "Biden - Xi talks resume in Geneva"},
		{"a lower-case tail", "Talks go on - and on", nil, "Talks go on - and on"},
		{"a name after a dash", "Life after the flood - Maria Lindqvist", nil, "Life after the flood - Maria Lindqvist"},
		{"a score", "Harbour United 2 - 1 Valemouth Rovers", nil, "Harbour United 2 - 1 Valemouth Rovers"},
		{"a long tail after a bar", "Floods | What we know about the rising rivers and the towns at risk", nil,
			"Floods | What we know about the rising rivers and the towns at risk"},
		{"too little left", "Live | Reuters", nil, "Live | Reuters"},
		{"an ellipsis", "Wait for it...", nil, "Wait for it..."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cleanTitle(tt.title, tt.sites...); got != tt.want {
				t.Errorf("cleanTitle(%q, %q) = %q, want %q", tt.title, tt.sites, got, tt.want)
			}
		})
	}
}

func TestSharedTails(t *testing.T) {
	titles := []string{
		"Dock strike ends - Coastal Wire",
		"Library reopens after repairs - Coastal Wire",
		"Library reopens after repairs - Coastal Wire", // the same title twice shows nothing
		"Biden - Xi talks resume",
		"Mayor resigns - Xi talks resume",
	}
	got := sharedTails(titles)
	want := []string{"Coastal Wire", "Xi talks resume"}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("sharedTails(%q) = %q, want %q", titles, got, want)
	}
	// An outlet's recurring tail is its name even when nothing else shows it.
	if got := cleanTitle("Ferry fares rise again - Coastal Wire", got...); got != "Ferry fares rise again" {
		t.Errorf("cleanTitle with the shared tails = %q, want %q", got, "Ferry fares rise again")
	}
}

func TestSummarizeCleansTitle(t *testing.T) {
	a := Article{
		Title:  "Ferry fares rise for the third time this year | Harbour Times",
		URL:    "https://harbourtimes.example/ferry-fares",
		Source: "Harbour Times",
		Text:   "Ferry fares on the Port Alder crossing will rise by 8 percent from July, the operator said on Monday.",
	}
	b, err := New(Options{}).Summarize(a)
	if err != nil {
		t.Fatal(err)
	}
	if want := "Ferry fares rise for the third time this year"; b.Title != want {
		t.Errorf("Summarize(%q).Title = %q, want %q", a.Title, b.Title, want)
	}
}
