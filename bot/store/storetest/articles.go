package storetest

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/brief"
)

func article(src int64, guid, url, fp string, fetched time.Time) bot.Article {
	return bot.Article{
		Article:      brief.Article{ID: guid, URL: url, Title: "T " + guid, Text: "Text of " + guid, Source: "Src", Published: fetched.Add(-time.Hour)},
		SourceID:     src,
		GUID:         guid,
		CanonicalURL: url,
		Fingerprint:  fp,
		Fetched:      fetched,
	}
}

func testArticles(t *testing.T, s bot.Store) {
	ctx := t.Context()
	a, _ := s.AddSource(ctx, bot.Source{URL: "https://a.example/feed", Added: t0})
	b, _ := s.AddSource(ctx, bot.Source{URL: "https://b.example/feed", Added: t0})
	first := []bot.Article{
		article(a.ID, "g1", "https://a.example/1", "fp1", t0),
		article(a.ID, "g2", "https://a.example/2", "fp2", t0.Add(time.Minute)),
		article(a.ID, "g2", "https://a.example/2b", "fp2b", t0), // same GUID in one batch
	}
	added, err := s.AddArticles(ctx, first)
	if err != nil {
		t.Fatalf("AddArticles: %v", err)
	}
	if len(added) != 2 || added[0].GUID != "g1" || added[1].GUID != "g2" || added[0].StoreID == 0 {
		t.Fatalf("AddArticles added %+v, want g1 and g2 with IDs", added)
	}
	tests := []struct {
		name string
		art  bot.Article
		new  bool
	}{
		{"same GUID again", article(a.ID, "g1", "https://a.example/1?x", "other", t0), false},
		{"changed GUID, same URL", article(a.ID, "g1-new", "https://a.example/1", "fp-x", t0), false},
		{"changed GUID and URL, same text", article(a.ID, "g1-newer", "https://a.example/1-redated", "fp1", t0), false},
		{"same GUID in another source", article(b.ID, "g1", "https://b.example/1", "fp-b1", t0), true},
		{"same URL from another source", article(b.ID, "b2", "https://a.example/2", "fp-b2", t0), false},
		{"new", article(a.ID, "g3", "https://a.example/3", "fp3", t0.Add(2*time.Minute)), true},
		{"no URL, no fingerprint", article(a.ID, "g4", "", "", t0.Add(3*time.Minute)), true},
		{"another without URL", article(a.ID, "g5", "", "", t0.Add(3*time.Minute)), true},
	}
	for _, tt := range tests {
		added, err := s.AddArticles(ctx, []bot.Article{tt.art})
		if err != nil {
			t.Fatalf("%s: AddArticles: %v", tt.name, err)
		}
		if got := len(added) == 1; got != tt.new {
			t.Errorf("%s: AddArticles added = %v, want %v", tt.name, got, tt.new)
		}
	}
	muted := article(a.ID, "old", "https://a.example/old", "fp-old", t0.Add(5*time.Minute))
	muted.Muted = true
	if added, _ := s.AddArticles(ctx, []bot.Article{muted}); len(added) != 1 {
		t.Fatalf("muted article not stored")
	}
	if added, _ := s.AddArticles(ctx, []bot.Article{muted}); len(added) != 0 {
		t.Errorf("muted article stored twice")
	}

	got, err := s.Articles(ctx, t0, 100)
	if err != nil {
		t.Fatal(err)
	}
	var guids []string
	for _, g := range got {
		guids = append(guids, g.GUID)
	}
	// After t0 only, newest first, muted left out.
	if diff := cmp.Diff([]string{"g5", "g4", "g3", "g2"}, guids); diff != "" {
		t.Errorf("Articles(since t0) (-want +got):\n%s", diff)
	}
	want := first[1]
	want.StoreID = got[3].StoreID
	if diff := cmp.Diff(want, got[3]); diff != "" {
		t.Errorf("stored article differs (-want +got):\n%s", diff)
	}
	if got, _ := s.Articles(ctx, t0, 2); len(got) != 2 {
		t.Errorf("Articles(limit 2) returned %d", len(got))
	}
}
