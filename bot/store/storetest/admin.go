package storetest

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/newsbrief/newsbrief/bot"
)

func testSessions(t *testing.T, s bot.Store) {
	ctx := t.Context()
	a := bot.WebSession{TokenHash: "hash-a", Created: t0, Expires: t0.Add(time.Hour)}
	b := bot.WebSession{TokenHash: "hash-b", Created: t0, Expires: t0.Add(2 * time.Hour)}
	for _, ws := range []bot.WebSession{a, b} {
		if err := s.SaveSession(ctx, ws); err != nil {
			t.Fatalf("SaveSession: %v", err)
		}
	}
	got, err := s.Session(ctx, "hash-a", t0.Add(time.Minute))
	if err != nil {
		t.Fatalf("Session(hash-a): %v", err)
	}
	if diff := cmp.Diff(a, got); diff != "" {
		t.Errorf("Session(hash-a) (-want +got):\n%s", diff)
	}
	for _, tt := range []struct {
		name, hash string
		now        time.Time
	}{
		{"unknown", "hash-z", t0},
		{"expired", "hash-a", t0.Add(time.Hour)},
	} {
		if _, err := s.Session(ctx, tt.hash, tt.now); !errors.Is(err, bot.ErrNotFound) {
			t.Errorf("Session(%s) error = %v, want ErrNotFound", tt.name, err)
		}
	}
	// Saving again renews the session.
	a.Expires = t0.Add(3 * time.Hour)
	if err := s.SaveSession(ctx, a); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Session(ctx, "hash-a", t0.Add(2*time.Hour)); err != nil || !got.Expires.Equal(a.Expires) {
		t.Errorf("Session(renewed) = %+v, %v; want it to expire at %v", got, err, a.Expires)
	}
	// Signing one out also sweeps the expired: b has expired by then.
	c := bot.WebSession{TokenHash: "hash-c", Created: t0, Expires: t0.Add(4 * time.Hour)}
	if err := s.SaveSession(ctx, c); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteSession(ctx, "hash-a", t0.Add(150*time.Minute)); err != nil {
		t.Fatalf("DeleteSession: %v", err)
	}
	if _, err := s.Session(ctx, "hash-a", t0); !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("Session after DeleteSession error = %v, want ErrNotFound", err)
	}
	if _, err := s.Session(ctx, "hash-b", t0); !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("Session(expired before the sweep) error = %v, want ErrNotFound even at an earlier time", err)
	}
	if _, err := s.Session(ctx, "hash-c", t0); err != nil {
		t.Errorf("Session(unexpired) after another's DeleteSession: %v", err)
	}
	if err := s.DeleteSession(ctx, "hash-a", t0); err != nil {
		t.Errorf("DeleteSession twice: %v, want nil", err)
	}
}

// addSources adds a source per title (the URL from the index), and
// returns them.
func addSources(t *testing.T, s bot.Store, titles ...string) []bot.Source {
	t.Helper()
	var out []bot.Source
	for i, title := range titles {
		src, err := s.AddSource(t.Context(), bot.Source{URL: fmt.Sprintf("https://s%d.example/feed", i), Title: title, Added: t0})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, src)
	}
	return out
}

func sourceIDs(rows []bot.SourceRow) []int64 {
	var ids []int64
	for _, r := range rows {
		ids = append(ids, r.ID)
	}
	return ids
}

func testSourceRows(t *testing.T, s bot.Store) {
	ctx := t.Context()
	// Named out of order; the URL stands in for the name of an untitled one.
	src := addSources(t, s, "delta", "Alpha", "", "charlie", "Bravo News")
	failing := bot.SourceState{SourceID: src[3].ID, Failures: 2, LastError: "503", Hint: "try later", NextPoll: t0.Add(time.Hour), Status: 503}
	if err := s.SaveState(ctx, failing); err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		arts := []bot.Article{article(src[1].ID, fmt.Sprintf("a%d", i), fmt.Sprintf("https://a.example/%d", i), fmt.Sprintf("fa%d", i), t0)}
		if _, err := s.AddArticles(ctx, arts); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.AddArticles(ctx, []bot.Article{article(src[0].ID, "d", "https://d.example/1", "fd", t0)}); err != nil {
		t.Fatal(err)
	}

	rows, n, err := s.SourceRows(ctx, bot.Page{})
	if err != nil {
		t.Fatalf("SourceRows: %v", err)
	}
	// Failing first, then by name without regard to case; the untitled
	// source sorts by its URL, after the names.
	want := []int64{src[3].ID, src[1].ID, src[4].ID, src[0].ID, src[2].ID}
	if diff := cmp.Diff(want, sourceIDs(rows)); diff != "" || n != 5 {
		t.Errorf("SourceRows() = %d in all, order (-want +got):\n%s", n, diff)
	}
	wantRow := bot.SourceRow{Source: src[3], State: failing}
	if diff := cmp.Diff(wantRow, rows[0]); diff != "" {
		t.Errorf("SourceRows()[0] (-want +got):\n%s", diff)
	}
	if rows[1].Articles != 3 || rows[3].Articles != 1 || rows[2].Articles != 0 {
		t.Errorf("Articles counted = %d, %d, %d; want 3, 1, 0", rows[1].Articles, rows[3].Articles, rows[2].Articles)
	}

	// Pages, and the page's limit capped at MaxPage.
	rows, n, err = s.SourceRows(ctx, bot.Page{Offset: 1, Limit: 2})
	if diff := cmp.Diff(want[1:3], sourceIDs(rows)); diff != "" || n != 5 || err != nil {
		t.Errorf("SourceRows(offset 1, limit 2) = %d in all, %v; (-want +got):\n%s", n, err, diff)
	}
	if rows, _, _ := s.SourceRows(ctx, bot.Page{Limit: bot.MaxPage + 50}); len(rows) != 5 {
		t.Errorf("SourceRows(limit over MaxPage) = %d rows, want all 5", len(rows))
	}

	// Search: by title or URL, without regard to case; LIKE's wildcards
	// are plain characters.
	for _, tt := range []struct {
		query string
		want  []int64
	}{
		{"BRAVO", []int64{src[4].ID}},
		{"s2.EXAMPLE", []int64{src[2].ID}},
		{"a", []int64{src[3].ID, src[1].ID, src[4].ID, src[0].ID, src[2].ID}},
		{"%", nil},
		{"_lpha", nil},
		{"feedalpha", nil}, // not across the URL and the title
	} {
		rows, n, err := s.SourceRows(ctx, bot.Page{Query: tt.query})
		if err != nil {
			t.Fatalf("SourceRows(%q): %v", tt.query, err)
		}
		if diff := cmp.Diff(tt.want, sourceIDs(rows)); diff != "" || n != len(tt.want) {
			t.Errorf("SourceRows(%q) = %d in all; (-want +got):\n%s", tt.query, n, diff)
		}
	}

	// A search's page past the end still counts the matches.
	if rows, n, err := s.SourceRows(ctx, bot.Page{Query: "A", Offset: 10}); err != nil || len(rows) != 0 || n != 5 {
		t.Errorf("SourceRows(search, past the end) = %d rows, %d in all, %v; want none of 5", len(rows), n, err)
	}

	one, err := s.SourceRow(ctx, src[1].ID)
	if err != nil || one.ID != src[1].ID || one.Articles != 3 || one.Title != "Alpha" {
		t.Errorf("SourceRow(%d) = %+v, %v; want Alpha with 3 articles", src[1].ID, one, err)
	}
	if _, err := s.SourceRow(ctx, 987654); !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("SourceRow(unknown) error = %v, want ErrNotFound", err)
	}
}

func testPauseSource(t *testing.T, s bot.Store) {
	ctx := t.Context()
	src := addSources(t, s, "a", "b")
	due := func(at time.Time) []int64 {
		t.Helper()
		// Leased for long: a source claimed is not due again in this test.
		got, err := s.DueSources(ctx, at, 1000*time.Hour, 10)
		if err != nil {
			t.Fatalf("DueSources: %v", err)
		}
		var ids []int64
		for _, d := range got {
			ids = append(ids, d.ID)
		}
		return ids
	}
	for range 2 { // pausing is idempotent
		if err := s.PauseSource(ctx, src[0].ID, true); err != nil {
			t.Fatalf("PauseSource: %v", err)
		}
	}
	// Both are due (never polled); only the running one is claimed.
	if got := due(t0); !cmp.Equal(got, []int64{src[1].ID}) {
		t.Errorf("DueSources with %d paused = %v, want only %d", src[0].ID, got, src[1].ID)
	}
	if r, err := s.SourceRow(ctx, src[0].ID); err != nil || !r.Paused {
		t.Errorf("SourceRow(paused) = %+v, %v; want Paused", r, err)
	}
	// "Fetch now" on a paused source does not poll it, however long after.
	if err := s.PollSoon(ctx, src[0].ID, t0); err != nil {
		t.Fatalf("PollSoon: %v", err)
	}
	if got := due(t0.Add(48 * time.Hour)); len(got) != 0 {
		t.Errorf("DueSources after PollSoon of a paused source = %v, want none", got)
	}
	// Resumed, it is due at once: its next poll has long passed.
	if err := s.PauseSource(ctx, src[0].ID, false); err != nil {
		t.Fatal(err)
	}
	if got := due(t0.Add(49 * time.Hour)); !cmp.Equal(got, []int64{src[0].ID}) {
		t.Errorf("DueSources after resuming = %v, want %d", got, src[0].ID)
	}
	// PollSoon brings a source's next poll (here a lease) forward.
	if err := s.PollSoon(ctx, src[1].ID, t0.Add(50*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if got := due(t0.Add(50 * time.Hour)); !cmp.Equal(got, []int64{src[1].ID}) {
		t.Errorf("DueSources after PollSoon = %v, want %d", got, src[1].ID)
	}
	for name, err := range map[string]error{
		"PauseSource": s.PauseSource(ctx, 987654, true),
		"PollSoon":    s.PollSoon(ctx, 987654, t0),
	} {
		if !errors.Is(err, bot.ErrNotFound) {
			t.Errorf("%s(unknown) error = %v, want ErrNotFound", name, err)
		}
	}
}

func testChatRows(t *testing.T, s bot.Store) {
	ctx := t.Context()
	tg1 := bot.ChatRef{Platform: "telegram", ID: "100"}
	tg2 := bot.ChatRef{Platform: "telegram", ID: "200", Thread: "7"}
	sl := bot.ChatRef{Platform: "slack", ID: "C42"}
	quiet := bot.ChatRef{Platform: "telegram", ID: "300"}
	// A chat known by its settings, one by its subscriptions only, one by
	// its title only.
	settings := bot.ChatSettings{Chat: tg1, Schedule: "08:00 UTC", Quiet: "22:00-07:00", Backfill: 2,
		LastDigest: t0, NextDigest: t0.Add(24 * time.Hour)}
	if err := s.SaveChat(ctx, settings); err != nil {
		t.Fatal(err)
	}
	for _, topic := range []string{"ukraine", "energy", "\"grain deal\""} {
		if err := s.Subscribe(ctx, tg1, topic); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Subscribe(ctx, tg2, "chess"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetChatTitle(ctx, sl, "#newsroom"); err != nil {
		t.Fatalf("SetChatTitle: %v", err)
	}
	if err := s.SetChatTitle(ctx, tg1, "Grain Traders"); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveChat(ctx, bot.ChatSettings{Chat: quiet}); err != nil {
		t.Fatal(err)
	}
	// Saving settings keeps the title.
	settings.Backfill = 3
	if err := s.SaveChat(ctx, settings); err != nil {
		t.Fatal(err)
	}

	// tg1: one sent long ago, one sent since, one pending after a
	// failure, one dead; tg2: a fresh pending one.
	enqueue := func(c bot.ChatRef, key string) int64 {
		t.Helper()
		if _, err := s.Enqueue(ctx, bot.Delivery{Chat: c, Key: key, Payload: []byte("{}"), NextAttempt: t0, Created: t0}); err != nil {
			t.Fatal(err)
		}
		d, err := s.Claim(ctx, t0, time.Minute, 1)
		if err != nil || len(d) != 1 || d[0].Key != key {
			t.Fatalf("Claim = %+v, %v; want %s", d, err, key)
		}
		return d[0].ID
	}
	sent1 := enqueue(tg1, "old")
	must(t, s.MarkSent(ctx, sent1, t0.Add(time.Minute)))
	sent2 := enqueue(tg1, "new")
	must(t, s.MarkSent(ctx, sent2, t0.Add(2*time.Minute)))
	dead := enqueue(tg1, "dead")
	must(t, s.Drop(ctx, dead, "chat not found"))
	retrying := enqueue(tg1, "retrying")
	must(t, s.Retry(ctx, retrying, t0.Add(time.Hour), "429 too many requests"))
	if _, err := s.Enqueue(ctx, bot.Delivery{Chat: tg2, Key: "fresh", Payload: []byte("{}"), NextAttempt: t0.Add(time.Hour), Created: t0}); err != nil {
		t.Fatal(err)
	}

	rows, n, err := s.ChatRows(ctx, bot.Page{})
	if err != nil {
		t.Fatalf("ChatRows: %v", err)
	}
	settings.Chat = tg1
	want := []bot.ChatRow{
		{ChatSettings: bot.ChatSettings{Chat: sl}, Title: "#newsroom"},
		{ChatSettings: settings, Title: "Grain Traders", Topics: []string{"ukraine", "energy", "\"grain deal\""},
			LastSent: t0.Add(2 * time.Minute), Pending: 1, LastError: "429 too many requests"},
		{ChatSettings: bot.ChatSettings{Chat: tg2}, Topics: []string{"chess"}, Pending: 1},
		{ChatSettings: bot.ChatSettings{Chat: quiet}},
	}
	if diff := cmp.Diff(want, rows); diff != "" || n != 4 {
		t.Errorf("ChatRows() = %d in all; (-want +got):\n%s", n, diff)
	}
	// The newest failure is the reason shown: the dead one, once the
	// retried one is sent.
	must(t, s.MarkSent(ctx, retrying, t0.Add(3*time.Minute)))
	r, err := s.ChatRow(ctx, tg1)
	if err != nil || r.LastError != "chat not found" || r.Pending != 0 || !r.LastSent.Equal(t0.Add(3*time.Minute)) {
		t.Errorf("ChatRow(%s) = %+v, %v; want LastError of the dead one, nothing pending, sent at t0+3m", tg1, r, err)
	}
	if _, err := s.ChatRow(ctx, bot.ChatRef{Platform: "telegram", ID: "404"}); !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("ChatRow(unknown) error = %v, want ErrNotFound", err)
	}

	rows, n, err = s.ChatRows(ctx, bot.Page{Offset: 1, Limit: 2})
	if err != nil || n != 4 || len(rows) != 2 || rows[0].Chat != tg1 || rows[1].Chat != tg2 {
		t.Errorf("ChatRows(offset 1, limit 2) = %d in all, %+v, %v; want %s and %s", n, rows, err, tg1, tg2)
	}
	for _, tt := range []struct {
		query string
		want  []bot.ChatRef
	}{
		{"GRAIN", []bot.ChatRef{tg1}},
		{"20", []bot.ChatRef{tg2}},
		{"Slack", []bot.ChatRef{sl}},
		{"telegram", []bot.ChatRef{tg1, tg2, quiet}},
		{"_", nil},
	} {
		rows, n, err := s.ChatRows(ctx, bot.Page{Query: tt.query})
		var got []bot.ChatRef
		for _, r := range rows {
			got = append(got, r.Chat)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" || n != len(tt.want) || err != nil {
			t.Errorf("ChatRows(%q) = %d in all, %v; (-want +got):\n%s", tt.query, n, err, diff)
		}
	}
	// A new title replaces the old.
	must(t, s.SetChatTitle(ctx, sl, "#desk"))
	must(t, s.SetChatTitle(ctx, sl, "#desk"))
	if r, err := s.ChatRow(ctx, sl); err != nil || r.Title != "#desk" {
		t.Errorf("ChatRow after renaming = %+v, %v; want title #desk", r, err)
	}
}

func testDeliveries(t *testing.T, s bot.Store) {
	ctx := t.Context()
	c := bot.ChatRef{Platform: "telegram", ID: "1"}
	other := bot.ChatRef{Platform: "slack", ID: "C9"}
	var ids []int64
	for i, chat := range []bot.ChatRef{c, c, other, c} {
		key := fmt.Sprintf("d%d", i)
		if _, err := s.Enqueue(ctx, bot.Delivery{Chat: chat, Key: key, Payload: []byte(key), NextAttempt: t0, Created: t0}); err != nil {
			t.Fatal(err)
		}
		d, err := s.Claim(ctx, t0, time.Minute, 1)
		if err != nil || len(d) != 1 {
			t.Fatalf("Claim = %v, %v", d, err)
		}
		ids = append(ids, d[0].ID)
	}
	// d0 sent; d1 sent two parts of three, then given up on; d2 dead;
	// d3 still leased by its sender.
	must(t, s.MarkSent(ctx, ids[0], t0.Add(time.Second)))
	must(t, s.MarkPart(ctx, ids[1], 2, "ts 1.5"))
	must(t, s.Drop(ctx, ids[1], "gave up after 12 attempts: 500"))
	must(t, s.Drop(ctx, ids[2], "channel_not_found"))

	keys := func(ds []bot.Delivery) []string {
		var out []string
		for _, d := range ds {
			out = append(out, d.Key)
		}
		return out
	}
	list := func(status bot.DeliveryStatus, p bot.Page) ([]string, int) {
		t.Helper()
		ds, n, err := s.Deliveries(ctx, status, p)
		if err != nil {
			t.Fatalf("Deliveries(%s, %+v): %v", status, p, err)
		}
		return keys(ds), n
	}
	if got, n := list(bot.DeliveryDead, bot.Page{}); !cmp.Equal(got, []string{"d1", "d2"}) || n != 2 {
		t.Errorf("Deliveries(dead) = %v, %d in all; want [d1 d2], 2", got, n)
	}
	if got, n := list(bot.DeliveryPending, bot.Page{}); !cmp.Equal(got, []string{"d3"}) || n != 1 {
		t.Errorf("Deliveries(pending) = %v, %d in all; want [d3], 1", got, n)
	}
	if got, n := list(bot.DeliveryDead, bot.Page{Query: "CHANNEL_not"}); !cmp.Equal(got, []string{"d2"}) || n != 1 {
		t.Errorf("Deliveries(dead, search the reason) = %v, %d; want [d2], 1", got, n)
	}
	if got, n := list(bot.DeliveryDead, bot.Page{Offset: 1, Limit: 1}); !cmp.Equal(got, []string{"d2"}) || n != 2 {
		t.Errorf("Deliveries(dead, second page of one) = %v, %d; want [d2], 2", got, n)
	}
	if _, _, err := s.Deliveries(ctx, "sent", bot.Page{}); err == nil {
		t.Error("Deliveries(sent) succeeded, want an error naming the statuses listed")
	}
	d, err := s.Delivery(ctx, ids[0])
	if err != nil || d.Key != "d0" || !d.Sent.Equal(t0.Add(time.Second)) || string(d.Payload) != "d0" {
		t.Errorf("Delivery(sent) = %+v, %v; want d0, sent at t0+1s", d, err)
	}
	if _, err := s.Delivery(ctx, 987654); !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("Delivery(unknown) error = %v, want ErrNotFound", err)
	}

	// Retrying the dead d1 sends only its third part, with a fresh set of
	// attempts; twice is the same as once.
	at := t0.Add(time.Hour)
	for range 2 {
		if err := s.RetryNow(ctx, ids[1], at); err != nil {
			t.Fatalf("RetryNow(dead): %v", err)
		}
	}
	claimed, err := s.Claim(ctx, at, time.Minute, 10)
	if err != nil {
		t.Fatal(err)
	}
	// d3's lease ran out long ago: it is claimed again too, first, being
	// due since t0.
	if got := keys(claimed); !cmp.Equal(got, []string{"d3", "d1"}) {
		t.Fatalf("Claim after RetryNow = %v, want [d3 d1]", got)
	}
	if d := claimed[1]; d.PartsSent != 2 || d.PartState != "ts 1.5" || d.Attempts != 1 || d.LastError == "" {
		t.Errorf("retried delivery = %+v, want parts sent 2 in ts 1.5, first attempt, its last error kept", d)
	}
	// d3 is being sent now: retrying it moves its time, but leaves it to
	// its sender until the lease ends, so it is not sent twice.
	if err := s.RetryNow(ctx, ids[3], at); err != nil {
		t.Fatalf("RetryNow(leased): %v", err)
	}
	if again, _ := s.Claim(ctx, at.Add(time.Second), time.Minute, 10); len(again) != 0 {
		t.Errorf("Claim during the sender's lease after RetryNow = %v, want none", keys(again))
	}
	// A sent delivery is never sent again.
	if err := s.RetryNow(ctx, ids[0], at); !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("RetryNow(sent) error = %v, want ErrNotFound", err)
	}
	if d, _ := s.Delivery(ctx, ids[0]); !d.Sent.Equal(t0.Add(time.Second)) {
		t.Errorf("sent delivery after RetryNow = %+v", d)
	}
	if due, _ := s.Claim(ctx, at.Add(time.Hour), time.Minute, 10); cmp.Equal(keys(due), []string{"d0"}) || len(due) != 2 {
		t.Errorf("Claim later = %v, want d1 and d3 again (their leases ended), never d0", keys(due))
	}
	if err := s.RetryNow(ctx, 987654, at); !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("RetryNow(unknown) error = %v, want ErrNotFound", err)
	}
}

func testOverview(t *testing.T, s bot.Store) {
	ctx := t.Context()
	src := addSources(t, s, "ok", "failing", "paused and failing", "paused")
	for _, i := range []int{1, 2} {
		must(t, s.SaveState(ctx, bot.SourceState{SourceID: src[i].ID, Failures: 1, LastError: "404"}))
	}
	must(t, s.PauseSource(ctx, src[2].ID, true))
	must(t, s.PauseSource(ctx, src[3].ID, true))
	var arts []bot.Article
	for i := range 5 {
		arts = append(arts, article(src[0].ID, fmt.Sprint(i), fmt.Sprintf("https://o.example/%d", i), fmt.Sprintf("fo%d", i), t0.Add(time.Duration(i-2)*time.Hour)))
	}
	if _, err := s.AddArticles(ctx, arts); err != nil {
		t.Fatal(err)
	}
	// Chats due at +3h, +1h, +2h, one paused and one without a schedule.
	for i, next := range []time.Duration{3, 1, 2, 0, 0} {
		cs := bot.ChatSettings{Chat: bot.ChatRef{Platform: "telegram", ID: fmt.Sprint(i)}, Schedule: "08:00 UTC", NextDigest: t0.Add(next * time.Hour)}
		switch i {
		case 3:
			cs.Paused, cs.NextDigest = "blocked", t0
		case 4:
			cs.Schedule = ""
		}
		must(t, s.SaveChat(ctx, cs))
	}
	c := bot.ChatRef{Platform: "telegram", ID: "0"}
	for i, key := range []string{"sent-before", "sent-after", "retrying", "dead", "waiting"} {
		if _, err := s.Enqueue(ctx, bot.Delivery{Chat: c, Key: key, Payload: []byte("{}"), NextAttempt: t0.Add(time.Duration(i) * time.Second), Created: t0}); err != nil {
			t.Fatal(err)
		}
	}
	claimed, err := s.Claim(ctx, t0.Add(3*time.Second), time.Minute, 4)
	if err != nil || len(claimed) != 4 {
		t.Fatalf("Claim = %v, %v", claimed, err)
	}
	must(t, s.MarkSent(ctx, claimed[0].ID, t0.Add(-time.Minute)))
	must(t, s.MarkSent(ctx, claimed[1].ID, t0.Add(time.Minute)))
	must(t, s.Retry(ctx, claimed[2].ID, t0.Add(time.Hour), "timeout"))
	must(t, s.Drop(ctx, claimed[3].ID, "blocked"))

	o, err := s.Overview(ctx, t0, 2)
	if err != nil {
		t.Fatalf("Overview: %v", err)
	}
	var next []bot.ChatRef
	for _, cs := range o.NextBriefs {
		next = append(next, cs.Chat)
	}
	o.NextBriefs = nil
	want := bot.Overview{Sources: 4, SourcesFailing: 1, SourcesPaused: 2, ArticlesSince: 3, SentSince: 1,
		Pending: 2, Retrying: 1, Dead: 1}
	if diff := cmp.Diff(want, o); diff != "" {
		t.Errorf("Overview(t0) (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]bot.ChatRef{{Platform: "telegram", ID: "1"}, {Platform: "telegram", ID: "2"}}, next); diff != "" {
		t.Errorf("Overview(t0, 2).NextBriefs (-want +got):\n%s", diff)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
