package storetest

import (
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/bot"
)

// testReopen checks that what a store wrote is there after it is closed
// and opened again: articles still known, the state of a source kept.
func testReopen(t *testing.T, o Opener) {
	ctx := t.Context()
	open := o.Persistent(t)
	s := open()
	src, err := s.AddSource(ctx, bot.Source{URL: "https://a.example/feed", Added: t0})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddArticles(ctx, []bot.Article{article(src.ID, "g1", "https://a.example/1", "fp1", t0)}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveState(ctx, bot.SourceState{SourceID: src.ID, Validators: bot.Validators{ETag: "e"}, Polls: 1}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = open()
	if added, _ := s.AddArticles(ctx, []bot.Article{article(src.ID, "g1", "https://a.example/1", "fp1", t0)}); len(added) != 0 {
		t.Errorf("an article seen before the restart was added again")
	}
	if st, _ := s.State(ctx, src.ID); st.ETag != "e" || st.Polls != 1 {
		t.Errorf("state after reopen = %+v", st)
	}
}

// UpgradeRows are the rows a test writes with the schema of version 2
// (before multi-part progress and a state row for every source) before
// it opens the store, which migrates them; CheckUpgraded checks that they
// still read.
var UpgradeRows = []string{
	`INSERT INTO sources (url, added_us) VALUES ('https://a.example/feed', 1)`,
	`INSERT INTO deliveries (platform, chat_id, dedup_key, payload, created_us) VALUES ('telegram', '1', 'k', '{"Text":"hi"}', 1)`,
	`INSERT INTO articles (source_id, guid, fetched_us) VALUES (1, 'g1', 1)`,
	`INSERT INTO articles (source_id, guid, fetched_us) VALUES (1, 'g2', 1)`,
	`INSERT INTO subscriptions (platform, chat_id, topic, created_us) VALUES ('telegram', '2', 'ukraine', 1)`,
}

// CheckUpgraded checks a store opened on UpgradeRows: its pending
// delivery is claimed from its first part; its source, never polled and
// without a state row, is due, and counts its two articles; the chat
// known only by its subscription is listed.
func CheckUpgraded(t *testing.T, s bot.Store) {
	t.Helper()
	now := time.Now()
	if rows, n, err := s.SourceRows(t.Context(), bot.Page{}); err != nil || n != 1 || rows[0].Articles != 2 {
		t.Errorf("SourceRows after the upgrade = %+v, %d, %v; want the old source with 2 articles", rows, n, err)
	}
	chats, n, err := s.ChatRows(t.Context(), bot.Page{})
	if err != nil || n != 1 || chats[0].Chat.ID != "2" || len(chats[0].Topics) != 1 {
		t.Errorf("ChatRows after the upgrade = %+v, %d, %v; want telegram:2 following ukraine", chats, n, err)
	}
	due, err := s.DueSources(t.Context(), now, time.Minute, 10)
	if err != nil || len(due) != 1 || due[0].URL != "https://a.example/feed" {
		t.Errorf("DueSources after the upgrade = %+v, %v; want the old source", due, err)
	}
	got, err := s.Claim(t.Context(), now, time.Minute, 10)
	if err != nil || len(got) != 1 || got[0].PartsSent != 0 || got[0].PartState != "" || string(got[0].Payload) != `{"Text":"hi"}` {
		t.Errorf("Claim after the upgrade = %+v, %v; want the old delivery from its first part", got, err)
	}
}
