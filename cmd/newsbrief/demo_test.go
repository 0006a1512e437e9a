package main

import (
	"strings"
	"testing"
)

// TestDemo runs `newsbrief demo` as a user would: offline, no tokens, a few
// commands on stdin.
func TestDemo(t *testing.T) {
	out, _, err := runCmd(t, "/topics\n/summary trade\n/subscribe climate\n/schedule 08:00 Europe/Berlin weekdays\n/status\n/bogus\n", "demo")
	if err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	brief, rest, _ := strings.Cut(out, "Topics on offer:")
	// The guide is the last thing before the first reply: on a terminal it
	// is what the person sees above the prompt, whatever the brief's length.
	if !strings.HasSuffix(brief, demoGuide) {
		t.Errorf("the output before the first reply does not end with the guide:\n%s", brief[max(0, len(brief)-600):])
	}
	// The two outlets' reports of the Kelmar talks are one story with both
	// sources, and no other story has two.
	stories := strings.Split(brief, "\n\n")
	twoSources := 0
	for _, s := range stories {
		if strings.Contains(s, "northwind.example") && strings.Contains(s, "harbourtimes.example") {
			twoSources++
			if !strings.Contains(s, "Kelmar") {
				t.Errorf("the story with two sources is not the Kelmar talks:\n%s", s)
			}
		}
	}
	if twoSources != 1 {
		t.Errorf("%d stories have both outlets as sources, want 1", twoSources)
	}
	wantAll(t, "today's brief", brief,
		"Ana Ribeiro (", "Jonas Halvorsen (Kelmar Foreign Minister)", "Kelmar City", // a meeting with roles and place
		"(Elin Sandberg)", // a quote with its speaker
	)
	wantAll(t, "the demo session", rest,
		"- climate: climate and energy",
		"Subscribed to climate.",
		"The daily brief comes at 08:00 Europe/Berlin weekdays",
		"Sources: 2, 2 healthy",
		"Unknown command /bogus",
	)
	if t.Failed() {
		t.Log(out)
	}
}
