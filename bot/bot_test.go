package bot_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/bottest"
	"github.com/newsbrief/newsbrief/bot/console"
	"github.com/newsbrief/newsbrief/bot/store/sqlite"
	"github.com/newsbrief/newsbrief/brief"
)

// recorder is a fake Chat that records what it is sent, enforces limits
// like a chat platform would, and can fail on demand.
type recorder struct {
	mu       sync.Mutex
	clock    *bottest.Clock
	limits   bot.Limits
	sent     []sent
	attempts []time.Time            // every request, failed ones too
	perChat  map[string][]time.Time // requests by chat
	fail     func(n int, m bot.Message) error
	// violations counts requests beyond the platform's limits.
	violations int
}

type sent struct {
	at  time.Time
	msg bot.Message
}

func newRecorder(c *bottest.Clock, l bot.Limits) *recorder {
	return &recorder{clock: c, limits: l, perChat: map[string][]time.Time{}}
}

func (r *recorder) Platform() string   { return "fake" }
func (r *recorder) Limits() bot.Limits { return r.limits }

func (r *recorder) Send(ctx context.Context, m bot.Message) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	now := r.clock.Now()
	r.attempts = append(r.attempts, now)
	r.perChat[m.Chat.ID] = append(r.perChat[m.Chat.ID], now)
	if over(r.attempts, r.limits.Global) || over(r.perChat[m.Chat.ID], r.limits.PerChat) {
		r.violations++
		return &bot.RateLimitError{Platform: "fake", Delay: time.Second}
	}
	if r.fail != nil {
		if err := r.fail(len(r.attempts), m); err != nil {
			return err
		}
	}
	r.sent = append(r.sent, sent{at: now, msg: m})
	return nil
}

// over reports whether the last request broke rate: more than N requests
// within Per.
func over(ts []time.Time, rate bot.Rate) bool {
	if rate.N == 0 || len(ts) <= rate.N {
		return false
	}
	return ts[len(ts)-1].Sub(ts[len(ts)-1-rate.N]) < rate.Per
}

func (r *recorder) messages() []sent {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]sent(nil), r.sent...)
}

type world struct {
	store *sqlite.Store
	clock *bottest.Clock
	bot   *bot.Bot
	chat  *recorder
	box   *bot.Outbox
}

var sum = brief.New(brief.Options{})

func newWorld(t testing.TB, start time.Time, opts bot.Options) *world {
	t.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "nb.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	w := &world{store: s, clock: bottest.NewClock(start)}
	opts.Clock = w.clock
	w.bot = bot.New(s, sum, opts)
	w.chat = newRecorder(w.clock, bot.Limits{Global: bot.Rate{N: 30, Per: time.Second}, PerChat: bot.Rate{N: 1, Per: time.Second}})
	w.box = bot.NewOutbox(s, []bot.Chat{w.chat}, bot.OutboxOptions{Clock: w.clock, Workers: 1})
	return w
}

// news stores articles as if fetched at the clock's time.
func (w *world) news(t testing.TB, src string, arts ...brief.Article) {
	t.Helper()
	ctx := context.Background()
	s, err := w.store.SourceByURL(ctx, src)
	if errors.Is(err, bot.ErrNotFound) {
		s, err = w.store.AddSource(ctx, bot.Source{URL: src, Title: src})
	}
	if err != nil {
		t.Fatal(err)
	}
	var in []bot.Article
	for _, a := range arts {
		a.Source = src
		in = append(in, bot.Article{Article: a, SourceID: s.ID, GUID: a.ID, CanonicalURL: a.URL, Fingerprint: brief.Fingerprint(a), Fetched: w.clock.Now()})
	}
	if _, err := w.store.AddArticles(ctx, in); err != nil {
		t.Fatal(err)
	}
}

var (
	kyivTalks = brief.Article{ID: "k1", URL: "https://one.example/kyiv", Title: "Ukraine and Poland agree on grain transit",
		Text: "Ukrainian President Volodymyr Zelenskyy met Polish Prime Minister Donald Tusk in Warsaw on Monday to settle a dispute over grain transit.\nThe two leaders agreed to reopen the border crossings to Ukrainian grain trucks from next week.\n\"We have found a fair solution for farmers on both sides,\" Tusk said after the talks.\nThe deal includes joint inspections at three crossings."}
	kyivTalks2 = brief.Article{ID: "k2", URL: "https://two.example/grain", Title: "Poland and Ukraine settle grain row",
		Text: "Polish Prime Minister Donald Tusk and Ukrainian President Volodymyr Zelenskyy agreed on Monday in Warsaw to reopen border crossings to Ukrainian grain trucks.\nThe agreement ends a dispute over grain transit that had angered farmers on both sides.\nJoint inspections will take place at three crossings, officials said."}
	chips = brief.Article{ID: "c1", URL: "https://one.example/chips", Title: "Chip maker opens new plant",
		Text: "A chip maker opened a new factory in Dresden on Tuesday, its largest in Europe.\nThe plant will employ 2,000 people and make chips for cars.\nThe company said demand from carmakers had doubled in two years."}
)

// ask sends one command through the console adapter and returns its output.
func ask(t testing.TB, w *world, lines ...string) string {
	t.Helper()
	var out bytes.Buffer
	c := console.New(&out)
	if err := c.Run(context.Background(), strings.NewReader(strings.Join(lines, "\n")), w.bot, ""); err != nil {
		t.Fatalf("console run: %v", err)
	}
	return out.String()
}

func TestConsoleSession(t *testing.T) {
	w := newWorld(t, time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC), bot.Options{
		Topics: []bot.Topic{{Name: "tech", Description: "chips and computers", Query: mustQuery(t, "chip OR computer")}},
	})
	w.news(t, "https://one.example/feed", kyivTalks, chips)
	w.news(t, "https://two.example/feed", kyivTalks2)

	out := ask(t, w, "/topics", "/subscribe ukraine", "/subscribe Ukraine", "/summary", "/schedule 08:00 Europe/Berlin weekdays", "/status", "/summary tech", "/unsubscribe ukraine", "/help")
	for _, want := range []string{
		"Topics on offer:\n- tech: chips and computers",
		"This chat follows no topics yet",
		"Subscribed to ukraine.",
		"This chat already follows ukraine.",
		"Ukraine and Poland agree on grain transit", // the story's headline
		"one.example", "two.example", // one story, both outlets
		"Volodymyr Zelenskyy (Ukrainian President) and Donald Tusk (Polish Prime Minister) · Warsaw",
		"The daily brief comes at 08:00 Europe/Berlin weekdays; the next one Tue 11 Mar 08:00 CET.",
		"Daily brief at 08:00 Europe/Berlin weekdays; next in 22h00m.",
		"Chip maker opens new plant",
		"Unsubscribed from ukraine.",
		"/subscribe <topic>",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("console output lacks %q", want)
		}
	}
	if n := strings.Count(out, "Ukraine and Poland agree on grain transit"); n != 1 {
		t.Errorf("the grain story appears %d times in /summary, want once (two outlets, one story)\n%s", n, out)
	}
	if n := strings.Count(out, "Chip maker opens new plant"); n != 1 {
		t.Errorf("the chip story appears %d times, want once: in /summary tech, not in /summary for ukraine", n)
	}
	if t.Failed() {
		t.Log(out)
	}
}

func mustQuery(t testing.TB, s string) bot.Query {
	q, err := bot.ParseQuery(s)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

func TestCommandsBadInput(t *testing.T) {
	w := newWorld(t, time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC), bot.Options{})
	chat := bot.ChatRef{Platform: "fake", ID: "1"}
	tests := []struct {
		text  string
		group bool
		admin bool
		want  string
	}{
		{"/frobnicate", false, false, "Unknown command /frobnicate. Try /help."},
		{"hello there", false, false, "Commands start with /"},
		{"/summary@newsbrief_bot", false, false, "Nothing new"},
		{"/SUBSCRIBE", false, false, "Name a topic"},
		{`/subscribe "unbalanced`, false, false, "unbalanced quote"},
		{"/subscribe -only -exclusions", false, false, "only excludes"},
		{"/subscribe " + strings.Repeat("word ", 500), false, false, "too long"},
		{"/unsubscribe", false, false, "Name the topic"},
		{"/unsubscribe nothing", false, false, "does not follow nothing"},
		{"/unsubscribe all", false, false, "follows no topics"},
		{"/schedule 25:00 UTC", false, false, "not a time of day"},
		{"/schedule 08:00 Mars/Olympus", false, false, `unknown time zone "Mars/Olympus"`},
		{"/schedule 08:00", false, false, "time zone too"},
		{"/schedule", false, false, "No daily brief is scheduled"},
		{"/quiet 22:00", false, false, "not a span of hours"},
		{"/quiet 22:00-22:00", false, false, "same time"},
		{"/sources add https://evil.example/feed", false, false, "Only the bot's operators"},
		{"/sources frob", false, false, "/sources add <url>"},
		{"/summary https://example.com/page", false, false, "turned off"},
		{"/subscribe ukraine", true, false, "Only this chat's admins"},
		{"/schedule 08:00 UTC", true, false, "Only this chat's admins"},
		{"/summary", true, false, "Nothing new"}, // anyone may ask
		{"/subscribe ukraine", true, true, "Subscribed to ukraine."},
		{"/settings backfill 99", false, false, "from 0 to 10"},
		{"/settings quietday maybe", false, false, "quietday on or"},
		{"/settings colour blue", false, false, "Unknown setting colour"},
		{"/settings quietday on", true, false, "Only this chat's admins"},
		{"/" + strings.Repeat("x", 1<<20), false, false, "too long for a command"},
		{"/summary \xff\xfe", false, false, "too long for a command"},
	}
	for i, tt := range tests {
		t.Run(fmt.Sprintf("%d %.30s", i, tt.text), func(t *testing.T) {
			m, err := w.bot.Handle(t.Context(), bot.Request{Chat: chat, User: fmt.Sprint("u", i), Group: tt.group, Admin: tt.admin, Text: tt.text})
			if err != nil {
				t.Fatalf("Handle(%.40q) error: %v", tt.text, err)
			}
			if !strings.Contains(m.Text, tt.want) {
				t.Errorf("Handle(%.40q) = %q, want it to contain %q", tt.text, m.Text, tt.want)
			}
		})
	}
	// Nothing half-stored: the failed and refused commands left one topic,
	// the admin's, and no schedule.
	subs, _ := w.store.Subscriptions(t.Context(), chat)
	if len(subs) != 1 || subs[0] != "ukraine" {
		t.Errorf("subscriptions after bad input = %v, want [ukraine]", subs)
	}
	if cs, _ := w.store.Chat(t.Context(), chat); cs.Schedule != "" || cs.Quiet != "" {
		t.Errorf("settings after bad input = %+v", cs)
	}
}

func TestTopicLimit(t *testing.T) {
	w := newWorld(t, time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC), bot.Options{CommandRate: bot.Rate{N: 20000, Per: time.Second}, CommandBurst: 20000})
	chat := bot.ChatRef{Platform: "fake", ID: "1"}
	var last bot.Message
	for i := range 10000 {
		m, err := w.bot.Handle(t.Context(), bot.Request{Chat: chat, User: "u", Text: fmt.Sprintf("/subscribe topic%d", i)})
		if err != nil {
			t.Fatal(err)
		}
		last = m
	}
	if !strings.Contains(last.Text, "the most it can") {
		t.Errorf("the 10,000th subscription got %q, want a refusal", last.Text)
	}
	if subs, _ := w.store.Subscriptions(t.Context(), chat); len(subs) != bot.MaxTopicsPerChat {
		t.Errorf("chat has %d topics, want the cap %d", len(subs), bot.MaxTopicsPerChat)
	}

}

// TestCommandRate: a person exploring at human speed is never refused; a
// flood is told once when to try again, then dropped without a word
// until then.
func TestCommandRate(t *testing.T) {
	w := newWorld(t, time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC), bot.Options{})
	chat := bot.ChatRef{Platform: "fake", ID: "1"}
	send := func(user string) bot.Message {
		t.Helper()
		m, err := w.bot.Handle(t.Context(), bot.Request{Chat: chat, User: user, Text: "/help"})
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	refused := func(m bot.Message) bool { return m.Empty() || strings.Contains(m.Text, "Too many") }

	// A burst of 15, then one every 2 seconds for a minute: 45 commands.
	for i := range 15 + 30 {
		if i >= 15 {
			w.clock.Set(w.clock.Now().Add(2 * time.Second))
		}
		if m := send("person"); refused(m) {
			t.Fatalf("command %d at human speed was refused: %+v", i+1, m)
		}
	}

	// A flood: 15 answered, the 16th told when to try again, the rest of
	// the wait dropped.
	var got []string
	for range 20 {
		m := send("flood")
		switch {
		case m.Empty():
			got = append(got, "dropped")
		case strings.Contains(m.Text, "Too many"):
			got = append(got, m.Text)
		default:
			got = append(got, "answered")
		}
	}
	want := slices.Repeat([]string{"answered"}, 15)
	want = append(want, "Too many commands at once; try again in 2 seconds.")
	want = append(want, slices.Repeat([]string{"dropped"}, 4)...)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("a flood of 20 commands (-want +got):\n%s", diff)
	}
	if m := send("someone else"); refused(m) {
		t.Errorf("another user was limited too: %+v", m)
	}
	w.clock.Set(w.clock.Now().Add(2 * time.Second))
	if m := send("flood"); refused(m) {
		t.Errorf("after the wait the flooder is still refused: %+v", m)
	}
}

func TestSubscribeBackfill(t *testing.T) {
	w := newWorld(t, time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC), bot.Options{})
	w.news(t, "https://one.example/feed", kyivTalks, chips)
	chat := bot.ChatRef{Platform: "fake", ID: "b"}
	handle := func(text string) bot.Message {
		m, err := w.bot.Handle(t.Context(), bot.Request{Chat: chat, User: "u", Text: text})
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	if m := handle("/subscribe ukraine"); m.Digest != nil {
		t.Errorf("with backfill 0 a subscription brought a brief")
	}
	handle("/settings backfill 3")
	m := handle("/subscribe chips")
	if m.Digest == nil || len(m.Digest.Stories) != 1 || m.Digest.Stories[0].Headline != "Chip maker opens new plant" {
		t.Errorf("with backfill 3, /subscribe chips = %+v, want the chip story", m)
	}
	if s := handle("/settings").Text; !strings.Contains(s, "backfill: 3") {
		t.Errorf("/settings = %q", s)
	}
}

// TestEveryCommandNameIsAnswered: the names adapters show (Slack's
// "/newsbrief NAME", Telegram's menu) all reach a command.
func TestEveryCommandNameIsAnswered(t *testing.T) {
	w := newWorld(t, time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC), bot.Options{})
	for _, name := range bot.CommandNames() {
		m, err := w.bot.Handle(t.Context(), bot.Request{Chat: bot.ChatRef{Platform: "fake", ID: "1"}, User: "u", Local: true, Text: "/" + name})
		if err != nil || strings.Contains(m.Text, "Unknown command") {
			t.Errorf("/%s = %q, %v; want it answered", name, m.Text, err)
		}
	}
}

// TestChatSourcesAddTakesTheConfiguration: a source an operator adds from
// a chat gets the configured interval and backfill, not 15m and 0.
func TestChatSourcesAddTakesTheConfiguration(t *testing.T) {
	w := newWorld(t, time.Date(2025, 6, 2, 12, 0, 0, 0, time.UTC), bot.Options{})
	b := bot.New(w.store, sum, bot.Options{Clock: w.clock, Operators: []string{"telegram:7"}, Pages: privateGuard{},
		NewSource: bot.Source{Interval: 40 * time.Minute, Backfill: 4}})
	m, err := b.Handle(t.Context(), bot.Request{Chat: bot.ChatRef{Platform: "telegram", ID: "7"}, User: "7", Text: "/sources add https://news.example/feed.xml"})
	if err != nil || !strings.HasPrefix(m.Text, "Added") {
		t.Fatalf("/sources add = %q, %v", m.Text, err)
	}
	src, err := w.store.SourceByURL(t.Context(), "https://news.example/feed.xml")
	if err != nil || src.Interval != 40*time.Minute || src.Backfill != 4 {
		t.Errorf("the source added = %+v, %v; want every 40m, backfill 4", src, err)
	}
}

// TestLocalSourcesShowNoPath: /sources and /status name a local source
// without the operator's folders.
func TestLocalSourcesShowNoPath(t *testing.T) {
	w := newWorld(t, time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC), bot.Options{})
	if _, err := w.store.AddSource(t.Context(), bot.Source{URL: "/srv/newsbrief/press-releases"}); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range []string{"/sources", "/status"} {
		m, err := w.bot.Handle(t.Context(), bot.Request{Chat: bot.ChatRef{Platform: "fake", ID: "1"}, User: "u", Text: cmd})
		if err != nil || strings.Contains(m.Text, "/srv/") {
			t.Errorf("%s = %q, %v; want no local path", cmd, m.Text, err)
		}
		if cmd == "/sources" && !strings.Contains(m.Text, "- press-releases") {
			t.Errorf("/sources = %q, want the folder's name", m.Text)
		}
	}
}
