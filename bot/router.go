package bot

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"golang.org/x/time/rate"

	"github.com/newsbrief/newsbrief/brief"
)

// Topic is a named topic the operator offers: some sources, a query, or
// both (an article matches if it comes from one of the sources or matches
// the query).
type Topic struct {
	Name        string
	Description string
	Sources     []string // source URLs
	Query       Query
}

// PageFetcher fetches the article at a URL a user sent, through the guard
// that keeps user URLs off private addresses.
type PageFetcher interface {
	FetchArticle(ctx context.Context, url string) (brief.Article, error)
	// CheckURL reports, without fetching, whether the guard lets url be
	// fetched: nil, or why not.
	CheckURL(ctx context.Context, url string) error
}

// CommandStore is what the commands need of the store.
type CommandStore interface {
	// AddSource stores a new source and returns it with its ID; ErrExists
	// if one with the same URL is there.
	AddSource(ctx context.Context, s Source) (Source, error)
	// State returns a source's state; a source never polled has a zero
	// state with its SourceID set.
	State(ctx context.Context, sourceID int64) (SourceState, error)
	// Subscribe adds a topic to a chat; ErrExists if it is there.
	Subscribe(ctx context.Context, c ChatRef, topic string) error
	// Unsubscribe removes a topic, or every topic when topic is ""; it
	// returns how many it removed.
	Unsubscribe(ctx context.Context, c ChatRef, topic string) (int, error)
	// LastSent returns the chat's most recent sent delivery time.
	LastSent(ctx context.Context, c ChatRef) (time.Time, error)
	ChatStore
	SubscriptionReader
	ArticleReader
}

// ChatStore keeps each chat's settings.
type ChatStore interface {
	// Chat returns a chat's settings; a chat never seen has zero settings
	// with its ChatRef set.
	Chat(ctx context.Context, c ChatRef) (ChatSettings, error)
	// SaveChat stores a chat's settings.
	SaveChat(ctx context.Context, cs ChatSettings) error
}

// SubscriptionReader reads the topics a chat follows.
type SubscriptionReader interface {
	// Subscriptions returns a chat's topics in the order they were added.
	Subscriptions(ctx context.Context, c ChatRef) ([]string, error)
}

// Options configure the bot; zero values take the defaults.
type Options struct {
	// Topics are the named topics on offer.
	Topics []Topic
	// MaxStories caps the stories of a daily brief (default 8).
	MaxStories int
	// Window is how far back /summary looks (default 24h).
	Window time.Duration
	// CommandRate limits each user's commands (default 30 a minute), after
	// a burst of CommandBurst (default 15): a person exploring the bot at
	// human speed never meets it, a script flooding it does.
	CommandRate  Rate
	CommandBurst int
	// Operators may add sources from a chat ("telegram:12345").
	Operators []string
	// Pages fetches user-sent URLs for /summary <url>; nil turns that off.
	Pages PageFetcher
	// RedactURL shows a source's URL to chat users with its secrets
	// hidden (cmd/newsbrief passes sources.RedactURL); by default only its
	// host is shown.
	RedactURL func(string) string
	// Now is the clock (default time.Now).
	Now func() time.Time
	Log *slog.Logger
	// Observer hears how long briefs take to build (default: nobody).
	Observer Observer
	// Health tells /status whether the store is failing (the store given
	// to New is then a WatchStore reporting to it); nil for not watched.
	Health *StoreHealth
	// NewSource holds the Interval and Backfill a source added with
	// /sources add gets: the configuration's interval and backfill.
	NewSource Source
}

// maxCommandBytes bounds a command; chat platforms allow 4 KB messages,
// and no command needs more than a URL or a query.
const maxCommandBytes = 4096

// Bot answers commands and builds the briefs chats get.
type Bot struct {
	// store is what the commands and the daily briefs need.
	store interface {
		CommandStore
		DigestStore
	}
	sum     *brief.Summarizer
	opts    Options
	topics  map[string]Topic
	limitMu sync.Mutex
	limits  map[string]*userLimit
}

// userLimit is one user's command rate, and until when the user was told
// to slow down: commands before then are dropped without a reply.
type userLimit struct {
	*rate.Limiter
	toldUntil time.Time
}

// New returns a Bot over store, which may be any Store.
func New(store interface {
	CommandStore
	DigestStore
}, sum *brief.Summarizer, opts Options) *Bot {
	opts.MaxStories = cmp.Or(opts.MaxStories, 8)
	opts.Window = cmp.Or(opts.Window, 24*time.Hour)
	if opts.CommandRate.N == 0 {
		opts.CommandRate = Rate{N: 30, Per: time.Minute}
	}
	opts.CommandBurst = cmp.Or(opts.CommandBurst, 15)
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	if opts.Observer == nil {
		opts.Observer = noObserver{}
	}
	if opts.RedactURL == nil {
		opts.RedactURL = showSourceURL
	}
	b := &Bot{store: store, sum: sum, opts: opts, topics: map[string]Topic{}, limits: map[string]*userLimit{}}
	for _, t := range opts.Topics {
		b.topics[strings.ToLower(t.Name)] = t
	}
	return b
}

var helpText = strings.TrimSpace(`
newsbrief sends a daily brief of the news this chat follows, and answers:

/summary: the latest brief for this chat's topics
/summary <url>: the brief of one article
/summary <topic>: the latest brief on a topic
/subscribe <topic>: follow a topic: a name from /topics, or words such as ukraine, "climate change" -opinion, ai OR chips
/unsubscribe <topic|all>: stop following
/topics: the topics on offer and the ones this chat follows
/schedule 08:00 Europe/Berlin [weekdays]: when the daily brief comes (/schedule off to stop it)
/quiet 22:00-07:00: hours without scheduled briefs (/quiet off)
/settings quietday on|off: a one-line note on days without news
/settings backfill <0-10>: how many recent stories a new subscription brings
/sources: where the news comes from
/status: what was fetched and sent, and what comes next
/help: this text`)

// CommandNames returns the commands the bot answers, without their
// slash, as help lists them; Telegram's /start is /help.
func CommandNames() []string {
	return []string{"summary", "subscribe", "unsubscribe", "topics", "schedule", "quiet", "settings", "sources", "status", "help"}
}

// Handle answers one command. Every command gets a reply, also a bad or
// unknown one. Only a failing store makes an error, and then the reply
// says so: could not save that, or could not look it up.
func (b *Bot) Handle(ctx context.Context, req Request) (Message, error) {
	m, err := b.handle(ctx, req)
	if err != nil {
		text := "Could not look that up: the bot's database is not answering. Try again in a minute."
		if cmd, arg := splitCommand(req.Text); changes(cmd, arg) {
			text = "Could not save that, try again in a minute: the bot's database is not answering."
		}
		return Message{Chat: req.Chat, User: req.User, Text: text}, err
	}
	return m, nil
}

// changes reports whether a command would change what is stored.
func changes(cmd, arg string) bool {
	switch cmd {
	case "subscribe", "unsubscribe":
		return true
	case "schedule", "quiet", "settings", "sources":
		return arg != ""
	}
	return false
}

func (b *Bot) handle(ctx context.Context, req Request) (Message, error) {
	reply := func(format string, a ...any) (Message, error) {
		return Message{Chat: req.Chat, Text: fmt.Sprintf(format, a...), User: req.User}, nil
	}
	if len(req.Text) > maxCommandBytes || !utf8.ValidString(req.Text) {
		return reply("That message is too long for a command. Try /help.")
	}
	cmd, arg := splitCommand(req.Text)
	if cmd == "" {
		return reply("Commands start with /. Try /help.")
	}
	if !req.Local {
		if wait, tell := b.throttle(req); wait > 0 {
			if !tell {
				return Message{}, nil // told once already: dropped
			}
			return reply("Too many commands at once; try again in %s.", humanDuration(wait))
		}
	}
	switch cmd {
	case "help", "start":
		return reply("%s", helpText)
	case "summary":
		return b.summary(ctx, req, arg)
	case "subscribe":
		return b.subscribe(ctx, req, arg)
	case "unsubscribe":
		return b.unsubscribe(ctx, req, arg)
	case "topics":
		return b.listTopics(ctx, req)
	case "schedule":
		return b.schedule(ctx, req, arg)
	case "quiet":
		return b.quiet(ctx, req, arg)
	case "sources":
		return b.sources(ctx, req, arg)
	case "settings":
		return b.settings(ctx, req, arg)
	case "status":
		return b.status(ctx, req)
	}
	return reply("Unknown command /%s. Try /help.", truncate(cmd, 32))
}

// splitCommand returns the command word without its slash and any
// "@botname", lower-cased, and the argument.
func splitCommand(text string) (string, string) {
	text = strings.TrimSpace(text)
	if !strings.HasPrefix(text, "/") {
		return "", ""
	}
	cmd, arg, _ := strings.Cut(text[1:], " ")
	cmd, _, _ = strings.Cut(cmd, "@")
	cmd, _, _ = strings.Cut(cmd, "\n")
	return strings.ToLower(cmd), strings.TrimSpace(arg)
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// throttle applies the per-user command rate. It returns zero when the
// command may run; else how long until the next one may, and whether to
// say so: only the first refused command of a wait gets a reply.
func (b *Bot) throttle(req Request) (wait time.Duration, tell bool) {
	key := req.Chat.Platform + ":" + req.User
	now := b.opts.Now()
	b.limitMu.Lock()
	defer b.limitMu.Unlock()
	l, ok := b.limits[key]
	if !ok {
		if len(b.limits) > 100000 {
			clear(b.limits) // bound memory; a reset only forgives some commands
		}
		l = &userLimit{Limiter: rate.NewLimiter(rate.Every(b.opts.CommandRate.Interval()), b.opts.CommandBurst)}
		b.limits[key] = l
	}
	r := l.ReserveN(now, 1)
	wait = r.DelayFrom(now)
	if wait == 0 {
		return 0, false
	}
	r.CancelAt(now)
	tell = !now.Before(l.toldUntil)
	if tell {
		l.toldUntil = now.Add(wait)
	}
	return wait, tell
}

// mayChange reports whether the user may change the chat's settings: in
// groups and channels only admins may.
func mayChange(req Request) bool { return !req.Group || req.Admin }

const adminsOnly = "Only this chat's admins can change that. Anyone can ask /summary."

func (b *Bot) summary(ctx context.Context, req Request, arg string) (Message, error) {
	now := b.opts.Now()
	msg := Message{Chat: req.Chat, User: req.User}
	if strings.HasPrefix(arg, "http://") || strings.HasPrefix(arg, "https://") {
		if b.opts.Pages == nil {
			msg.Text = "Briefing links is turned off on this bot."
			return msg, nil
		}
		a, err := b.opts.Pages.FetchArticle(ctx, arg)
		if err != nil {
			msg.Text = "Could not read that page: " + err.Error()
			return msg, nil
		}
		br, err := b.sum.Summarize(a)
		if err != nil {
			msg.Text = "Could not brief that page: " + err.Error()
			return msg, nil
		}
		msg.Brief = &br
		return msg, nil
	}
	topics, err := b.store.Subscriptions(ctx, req.Chat)
	if err != nil {
		return Message{}, err
	}
	if arg != "" {
		if _, err := b.matcher([]string{arg}, nil); err != nil {
			msg.Text = err.Error()
			return msg, nil
		}
		topics = []string{arg}
	}
	d, err := b.digest(ctx, topics, now.Add(-b.opts.Window), now, b.opts.MaxStories)
	if err != nil {
		return Message{}, err
	}
	if len(d.Stories) == 0 {
		msg.Text = "Nothing new in the last " + humanDuration(b.opts.Window) + " on " + describeTopics(topics) + "."
		return msg, nil
	}
	msg.Digest = &d
	return msg, nil
}

func describeTopics(topics []string) string {
	if len(topics) == 0 {
		return "any topic"
	}
	return strings.Join(topics, ", ")
}

// IsZero reports whether q is the zero Query, which no parse returns.
func (q Query) IsZero() bool { return len(q.all) == 0 && len(q.not) == 0 }

// matcher returns a function reporting whether an article belongs to any
// of the topics; no topics means every article. Named topics' sources are
// given as URLs; sourceURL maps an article's source to its URL.
func (b *Bot) matcher(topics []string, sourceURL map[int64]string) (func(Article, *MatchText) bool, error) {
	if len(topics) == 0 {
		return func(Article, *MatchText) bool { return true }, nil
	}
	var queries []Query
	sources := map[string]bool{}
	for _, t := range topics {
		if named, ok := b.topics[strings.ToLower(t)]; ok {
			for _, s := range named.Sources {
				sources[s] = true
			}
			if !named.Query.IsZero() {
				queries = append(queries, named.Query)
			}
			continue
		}
		q, err := ParseQuery(t)
		if err != nil {
			return nil, err
		}
		queries = append(queries, q)
	}
	return func(a Article, mt *MatchText) bool {
		if sources[sourceURL[a.SourceID]] {
			return true
		}
		for _, q := range queries {
			if q.MatchText(mt) {
				return true
			}
		}
		return false
	}, nil
}

// ArticleReader reads the sources and the articles the briefs are made of.
type ArticleReader interface {
	// Sources returns every source, oldest first.
	Sources(ctx context.Context) ([]Source, error)
	// Articles returns the articles fetched after since that are not muted,
	// newest first, at most limit.
	Articles(ctx context.Context, since time.Time, limit int) ([]Article, error)
}

// pool is a set of recent articles prepared for matching, so that many
// chats' topics are matched against one tokenisation of each article.
type pool struct {
	arts      []Article
	texts     []*MatchText
	sourceURL map[int64]string
}

// loadPool reads the articles fetched after since.
func (b *Bot) loadPool(ctx context.Context, since time.Time) (*pool, error) {
	srcs, err := b.store.Sources(ctx)
	if err != nil {
		return nil, err
	}
	p := &pool{sourceURL: make(map[int64]string, len(srcs))}
	names := make(map[int64]string, len(srcs))
	for _, s := range srcs {
		p.sourceURL[s.ID] = s.URL
		names[s.ID] = s.Name()
	}
	if p.arts, err = b.store.Articles(ctx, since, maxDigestArticles); err != nil {
		return nil, err
	}
	for i, a := range p.arts {
		if filepath.IsAbs(a.Source) {
			// Stored before sources were named: a local file's path is
			// the operator's business, not the chat's.
			p.arts[i].Source = names[a.SourceID]
		}
	}
	p.texts = make([]*MatchText, len(p.arts))
	for i, a := range p.arts {
		p.texts[i] = NewMatchText(a.Article)
	}
	return p, nil
}

// maxDigestArticles bounds the articles one brief reads.
const maxDigestArticles = 5000

// digest builds the brief of the articles fetched in (since, now] that
// match topics.
func (b *Bot) digest(ctx context.Context, topics []string, since, now time.Time, maxStories int) (brief.Digest, error) {
	p, err := b.loadPool(ctx, since)
	if err != nil {
		return brief.Digest{}, err
	}
	return b.digestFrom(p, topics, since, now, maxStories)
}

func (b *Bot) digestFrom(p *pool, topics []string, since, now time.Time, maxStories int) (brief.Digest, error) {
	match, err := b.matcher(topics, p.sourceURL)
	if err != nil {
		return brief.Digest{}, err
	}
	var picked []brief.Article
	for i, a := range p.arts {
		if a.Fetched.After(since) && !a.Fetched.After(now) && match(a, p.texts[i]) {
			picked = append(picked, a.Article)
		}
	}
	start := time.Now()
	d, err := b.sum.Digest(picked, brief.DigestOptions{MaxStories: maxStories, Now: now})
	b.opts.Observer.Built(time.Since(start))
	return d, err
}

func (b *Bot) subscribe(ctx context.Context, req Request, arg string) (Message, error) {
	msg := Message{Chat: req.Chat, User: req.User}
	if !mayChange(req) {
		msg.Text = adminsOnly
		return msg, nil
	}
	if arg == "" {
		msg.Text = "Name a topic: /subscribe ukraine, or a name from /topics."
		return msg, nil
	}
	topic, err := b.topicKey(arg)
	if err != nil {
		msg.Text = err.Error()
		return msg, nil
	}
	have, err := b.store.Subscriptions(ctx, req.Chat)
	if err != nil {
		return Message{}, err
	}
	if len(have) >= MaxTopicsPerChat {
		msg.Text = fmt.Sprintf("This chat follows %d topics, the most it can; /unsubscribe some first.", len(have))
		return msg, nil
	}
	err = b.store.Subscribe(ctx, req.Chat, topic)
	if errors.Is(err, ErrExists) {
		msg.Text = "This chat already follows " + topic + "."
		return msg, nil
	}
	if err != nil {
		return Message{}, err
	}
	cs, err := b.store.Chat(ctx, req.Chat)
	if err != nil {
		return Message{}, err
	}
	msg.Text = "Subscribed to " + topic + "."
	if cs.Schedule == "" {
		msg.Text += " Set a time for the daily brief with /schedule 08:00 Europe/Berlin, or ask /summary any time."
	}
	if cs.Backfill > 0 {
		now := b.opts.Now()
		d, err := b.digest(ctx, []string{topic}, now.Add(-b.opts.Window), now, cs.Backfill)
		if err != nil {
			return Message{}, err
		}
		if len(d.Stories) > 0 {
			msg.Digest = &d
			msg.Text = ""
		}
	}
	return msg, nil
}

// topicKey returns the form a topic is stored under: a named topic's name,
// or a query's canonical form.
func (b *Bot) topicKey(arg string) (string, error) {
	if named, ok := b.topics[strings.ToLower(arg)]; ok {
		return named.Name, nil
	}
	q, err := ParseQuery(arg)
	if err != nil {
		return "", err
	}
	return q.String(), nil
}

// MaxTopicsPerChat bounds a chat's subscriptions.
const MaxTopicsPerChat = 50

func (b *Bot) unsubscribe(ctx context.Context, req Request, arg string) (Message, error) {
	msg := Message{Chat: req.Chat, User: req.User}
	if !mayChange(req) {
		msg.Text = adminsOnly
		return msg, nil
	}
	if arg == "" {
		msg.Text = "Name the topic to drop, or /unsubscribe all. /topics lists this chat's topics."
		return msg, nil
	}
	topic := ""
	if !strings.EqualFold(arg, "all") {
		var err error
		if topic, err = b.topicKey(arg); err != nil {
			topic = arg // no topic is stored under it: the reply says so
		}
	}
	n, err := b.store.Unsubscribe(ctx, req.Chat, topic)
	if err != nil {
		return Message{}, err
	}
	switch {
	case n == 0 && topic == "":
		msg.Text = "This chat follows no topics."
	case n == 0:
		msg.Text = "This chat does not follow " + truncate(arg, 64) + ". /topics lists what it follows."
	case topic == "":
		msg.Text = fmt.Sprintf("Unsubscribed from all %d topics.", n)
	default:
		msg.Text = "Unsubscribed from " + topic + "."
	}
	return msg, nil
}

func (b *Bot) listTopics(ctx context.Context, req Request) (Message, error) {
	subs, err := b.store.Subscriptions(ctx, req.Chat)
	if err != nil {
		return Message{}, err
	}
	var sb strings.Builder
	if len(b.opts.Topics) > 0 {
		sb.WriteString("Topics on offer:\n")
		for _, t := range b.opts.Topics {
			sb.WriteString("- " + t.Name)
			if t.Description != "" {
				sb.WriteString(": " + t.Description)
			}
			sb.WriteString("\n")
		}
	} else {
		sb.WriteString("No named topics are set up; subscribe to any words, e.g. /subscribe ukraine.\n")
	}
	if len(subs) == 0 {
		sb.WriteString("This chat follows no topics yet, so its brief covers all the news.")
	} else {
		sb.WriteString("This chat follows: " + strings.Join(subs, ", ") + ".")
	}
	return Message{Chat: req.Chat, User: req.User, Text: sb.String()}, nil
}

func (b *Bot) schedule(ctx context.Context, req Request, arg string) (Message, error) {
	msg := Message{Chat: req.Chat, User: req.User}
	if !mayChange(req) {
		msg.Text = adminsOnly
		return msg, nil
	}
	cs, err := b.store.Chat(ctx, req.Chat)
	if err != nil {
		return Message{}, err
	}
	if arg == "" {
		if cs.Schedule == "" {
			msg.Text = "No daily brief is scheduled. Set one with /schedule 08:00 Europe/Berlin [weekdays]."
		} else {
			msg.Text = "The daily brief comes at " + cs.Schedule + ". Change it with /schedule 08:00 Europe/Berlin, or /schedule off."
		}
		return msg, nil
	}
	if strings.EqualFold(arg, "off") {
		cs.Schedule, cs.NextDigest = "", time.Time{}
		msg.Text = "The daily brief is off. /summary still works any time."
	} else {
		var zone *time.Location
		if old, err := ParseSchedule(cs.Schedule, nil); err == nil && cs.Schedule != "" {
			zone = old.Zone
		}
		sch, err := ParseSchedule(arg, zone)
		if err != nil {
			msg.Text = err.Error()
			return msg, nil
		}
		cs.Schedule = sch.String()
		now := b.opts.Now()
		if cs.NextDigest, err = nextDigest(cs, now); err != nil {
			return Message{}, err
		}
		msg.Text = fmt.Sprintf("The daily brief comes at %s; the next one %s.", cs.Schedule, cs.NextDigest.In(sch.Zone).Format("Mon 2 Jan 15:04 MST"))
	}
	if err := b.store.SaveChat(ctx, cs); err != nil {
		return Message{}, err
	}
	return msg, nil
}

func (b *Bot) quiet(ctx context.Context, req Request, arg string) (Message, error) {
	msg := Message{Chat: req.Chat, User: req.User}
	if !mayChange(req) {
		msg.Text = adminsOnly
		return msg, nil
	}
	cs, err := b.store.Chat(ctx, req.Chat)
	if err != nil {
		return Message{}, err
	}
	switch {
	case arg == "":
		msg.Text = "No quiet hours are set. Set them with /quiet 22:00-07:00."
		if cs.Quiet != "" {
			msg.Text = "Quiet hours: " + cs.Quiet + ". /quiet off removes them."
		}
		return msg, nil
	case strings.EqualFold(arg, "off"):
		cs.Quiet = ""
		msg.Text = "Quiet hours removed."
	default:
		q, err := ParseQuiet(arg)
		if err != nil {
			msg.Text = err.Error()
			return msg, nil
		}
		cs.Quiet = q.String()
		msg.Text = "Quiet hours: " + cs.Quiet + ", in the schedule's time zone. Briefs due then wait for their end."
	}
	if cs.Schedule != "" {
		if cs.NextDigest, err = nextDigest(cs, b.opts.Now()); err != nil {
			return Message{}, err
		}
	}
	if err := b.store.SaveChat(ctx, cs); err != nil {
		return Message{}, err
	}
	return msg, nil
}

// maxBackfill bounds the stories a subscription brings at once.
const maxBackfill = 10

func (b *Bot) settings(ctx context.Context, req Request, arg string) (Message, error) {
	msg := Message{Chat: req.Chat, User: req.User}
	cs, err := b.store.Chat(ctx, req.Chat)
	if err != nil {
		return Message{}, err
	}
	key, value, _ := strings.Cut(strings.ToLower(arg), " ")
	value = strings.TrimSpace(value)
	if key == "" {
		onOff := map[bool]string{true: "on", false: "off"}
		msg.Text = fmt.Sprintf("quietday: %s (a note on days without news)\nbackfill: %d (stories a new subscription brings)\nChange with /settings quietday on, /settings backfill 3.",
			onOff[cs.QuietDayNotice], cs.Backfill)
		return msg, nil
	}
	if !mayChange(req) {
		msg.Text = adminsOnly
		return msg, nil
	}
	switch key {
	case "quietday":
		switch value {
		case "on":
			cs.QuietDayNotice = true
		case "off":
			cs.QuietDayNotice = false
		default:
			msg.Text = "Use /settings quietday on or /settings quietday off."
			return msg, nil
		}
		msg.Text = "Days without news now get a note: " + value + "."
	case "backfill":
		n, err := strconv.Atoi(value)
		if err != nil || n < 0 || n > maxBackfill {
			msg.Text = fmt.Sprintf("Give a number from 0 to %d: /settings backfill 3.", maxBackfill)
			return msg, nil
		}
		cs.Backfill = n
		msg.Text = fmt.Sprintf("A new subscription now brings the %d latest stories.", n)
	default:
		msg.Text = "Unknown setting " + truncate(key, 32) + ". Settings: quietday, backfill."
		return msg, nil
	}
	if err := b.store.SaveChat(ctx, cs); err != nil {
		return Message{}, err
	}
	return msg, nil
}

func (b *Bot) sources(ctx context.Context, req Request, arg string) (Message, error) {
	msg := Message{Chat: req.Chat, User: req.User}
	if sub, url, _ := strings.Cut(arg, " "); strings.EqualFold(sub, "add") {
		if !slices.Contains(b.opts.Operators, req.Chat.Platform+":"+req.User) {
			msg.Text = "Only the bot's operators can add sources."
			return msg, nil
		}
		url = strings.TrimSpace(url)
		if !strings.HasPrefix(url, "http://") && !strings.HasPrefix(url, "https://") {
			msg.Text = "Give the feed's or page's address: /sources add https://example.org/feed.xml"
			return msg, nil
		}
		// A source's host is trusted once added. From a chat, where an
		// operator's account may be someone else's, it must be on the
		// public internet; the machine's own user may add any.
		if !req.Local {
			if b.opts.Pages == nil {
				msg.Text = "Adding sources from a chat is turned off on this bot; use newsbrief sources add on its machine."
				return msg, nil
			}
			if err := b.opts.Pages.CheckURL(ctx, url); err != nil {
				msg.Text = "Cannot add that source: " + err.Error()
				return msg, nil
			}
		}
		_, err := b.store.AddSource(ctx, Source{URL: url, Interval: b.opts.NewSource.Interval, Backfill: b.opts.NewSource.Backfill, Added: b.opts.Now()})
		if errors.Is(err, ErrExists) {
			msg.Text = "That source is already polled."
			return msg, nil
		}
		if err != nil {
			return Message{}, err
		}
		msg.Text = "Added " + b.opts.RedactURL(url) + "; its news comes from the next poll on."
		return msg, nil
	} else if arg != "" {
		msg.Text = "Use /sources to list them, or /sources add <url>."
		return msg, nil
	}
	srcs, err := b.store.Sources(ctx)
	if err != nil {
		return Message{}, err
	}
	if len(srcs) == 0 {
		msg.Text = "No sources yet."
		return msg, nil
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "%s:\n", plural(len(srcs), "source"))
	for i, s := range srcs {
		if i == 20 {
			fmt.Fprintf(&sb, "… and %d more.", len(srcs)-i)
			break
		}
		fmt.Fprintf(&sb, "- %s\n", b.shownSource(s))
	}
	msg.Text = strings.TrimSpace(sb.String())
	return msg, nil
}

// shownSource is how a chat sees a source in /sources and /status: its
// title, its URL with the secrets hidden, or, for a local file or folder,
// its name without the operator's path.
func (b *Bot) shownSource(s Source) string {
	if s.Title == "" && (!strings.Contains(s.URL, "://") || strings.HasPrefix(s.URL, "file://")) {
		return s.Name()
	}
	return cmp.Or(s.Title, b.opts.RedactURL(s.URL))
}

func (b *Bot) status(ctx context.Context, req Request) (Message, error) {
	now := b.opts.Now()
	srcs, err := b.store.Sources(ctx)
	if err != nil {
		return Message{}, err
	}
	var sb strings.Builder
	// Reads may work while writes fail (a full disk): say so first.
	if since, err := b.opts.Health.Failing(); err != nil {
		fmt.Fprintf(&sb, "The bot's database failed %s: what you change may not be saved until it recovers.\n", ago(now, since))
	}
	healthy := 0
	var failing []string
	var lastPoll time.Time
	for _, s := range srcs {
		st, err := b.store.State(ctx, s.ID)
		if err != nil {
			return Message{}, err
		}
		if st.LastPoll.After(lastPoll) {
			lastPoll = st.LastPoll
		}
		if st.Failures == 0 {
			healthy++
			continue
		}
		line := fmt.Sprintf("- %s: %s (%d failures, next try %s)", b.shownSource(s), st.LastError, st.Failures, ago(now, st.NextPoll))
		if st.Hint != "" {
			line += "; " + st.Hint
		}
		failing = append(failing, line)
	}
	fmt.Fprintf(&sb, "Sources: %d, %d healthy; last fetch %s.\n", len(srcs), healthy, ago(now, lastPoll))
	for i, f := range failing {
		if i == 10 {
			fmt.Fprintf(&sb, "… and %d more failing.\n", len(failing)-i)
			break
		}
		sb.WriteString(f + "\n")
	}
	cs, err := b.store.Chat(ctx, req.Chat)
	if err != nil {
		return Message{}, err
	}
	subs, err := b.store.Subscriptions(ctx, req.Chat)
	if err != nil {
		return Message{}, err
	}
	fmt.Fprintf(&sb, "Topics: %s.\n", describeTopics(subs))
	switch {
	case cs.Paused != "":
		fmt.Fprintf(&sb, "Deliveries are paused: %s.\n", cs.Paused)
	case cs.Schedule == "":
		sb.WriteString("No daily brief is scheduled (/schedule sets one).\n")
	default:
		fmt.Fprintf(&sb, "Daily brief at %s; next %s.\n", cs.Schedule, ago(now, cs.NextDigest))
	}
	if cs.Quiet != "" {
		fmt.Fprintf(&sb, "Quiet hours: %s.\n", cs.Quiet)
	}
	last, err := b.store.LastSent(ctx, req.Chat)
	if err != nil {
		return Message{}, err
	}
	fmt.Fprintf(&sb, "Last delivery: %s.", ago(now, last))
	if cs.Schedule != "" && !cs.LastDigest.IsZero() && last.Before(cs.LastDigest) {
		sb.WriteString(" The last daily brief found nothing new on this chat's topics, so nothing was sent.")
	}
	return Message{Chat: req.Chat, User: req.User, Text: sb.String()}, nil
}

// ago describes t relative to now for a person: "3m ago", "in 2h", "never".
func ago(now, t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	d := now.Sub(t)
	future := d < 0
	if future {
		d = -d
	}
	var s string
	switch {
	case d < time.Minute:
		s = fmt.Sprintf("%ds", int(d.Seconds()))
	case d < time.Hour:
		s = fmt.Sprintf("%dm", int(d.Minutes()))
	case d < 48*time.Hour:
		s = fmt.Sprintf("%dh%02dm", int(d.Hours()), int(d.Minutes())%60)
	default:
		s = fmt.Sprintf("%dd", int(d.Hours()/24))
	}
	if future {
		return "in " + s
	}
	return s + " ago"
}
