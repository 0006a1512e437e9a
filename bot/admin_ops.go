package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// The operations the chat commands and the operator's web console share:
// adding a source, setting a chat's schedule and quiet hours, following
// and dropping topics, pausing a chat and sending its brief now. Each is
// written once here; a command and a console form differ only in how
// they ask and how they show the answer.

// inputErrorf returns an *InputError.
func inputErrorf(format string, a ...any) error {
	return &InputError{Msg: fmt.Sprintf(format, a...)}
}

// FeedFinder finds the feed to poll for a URL a person gave: the URL
// itself if it is a feed, else the feed its page names. sources.Fetcher
// is one; when Options.Pages is also a FeedFinder, sources are added with
// discovery.
type FeedFinder interface {
	Discover(ctx context.Context, url string) (string, error)
}

// NewSource is a source a person asks to add.
type NewSource struct {
	URL   string
	Title string
	// Trusted skips the guard: the machine's own user, or a console whose
	// operator allowed sources on private addresses. A source's host is
	// trusted once added, so from anywhere else it must be public.
	Trusted bool
	// Find looks for the feed of a page before adding it; an OPML import
	// lists feeds and skips it.
	Find bool
	// Refused, if set, follows the guard's refusal: how the person asking
	// could add a feed on a private address after all.
	Refused string
}

// AddSource adds a source as /sources add does: an http(s) URL, checked
// by the guard unless trusted, with its feed found when asked. It
// returns an *InputError for a URL it will not add, and wraps ErrExists
// for one already there.
func (b *Bot) AddSource(ctx context.Context, ns NewSource) (Source, error) {
	url, title := strings.TrimSpace(ns.URL), strings.Join(strings.Fields(ns.Title), " ")
	if !strings.HasPrefix(url, "http://") && !strings.HasPrefix(url, "https://") {
		return Source{}, inputErrorf("Give the feed's or page's address, starting with http:// or https://.")
	}
	// A title is shown on every list of sources: on one line, bounded as
	// a feed's own is, and text a database takes.
	if !utf8.ValidString(title) || strings.ContainsFunc(title, unicode.IsControl) {
		return Source{}, inputErrorf("The title holds characters a title cannot (control characters or invalid UTF-8).")
	}
	if n := utf8.RuneCountInString(title); n > MaxPastedTitle {
		return Source{}, inputErrorf("The title is %d characters long; the most is %d.", n, MaxPastedTitle)
	}
	if !ns.Trusted {
		if b.opts.Pages == nil {
			return Source{}, inputErrorf("Adding sources from here is turned off on this bot; use newsbrief sources add on its machine.")
		}
		if err := b.opts.Pages.CheckURL(ctx, url); err != nil {
			msg := "Cannot add that source: " + err.Error()
			if ns.Refused != "" {
				msg += ". " + ns.Refused
			}
			return Source{}, &InputError{Msg: msg, Err: err}
		}
	}
	if f, ok := b.opts.Pages.(FeedFinder); ok && ns.Find {
		dctx := ctx
		if !ns.Trusted {
			dctx = WithGuard(ctx)
		}
		feed, err := f.Discover(dctx, url)
		if err != nil {
			return Source{}, &InputError{Msg: "Cannot add that source: " + err.Error(), Err: err}
		}
		url = feed
	}
	src, err := b.store.AddSource(ctx, Source{URL: url, Title: title,
		Interval: b.opts.NewSource.Interval, Backfill: b.opts.NewSource.Backfill, Added: b.opts.Clock.Now(),
		Guarded: !ns.Trusted})
	if errors.Is(err, ErrExists) {
		return Source{}, fmt.Errorf("%s is already a source: %w", b.opts.RedactURL(url), err)
	}
	return src, err
}

// RedactURL shows a source's URL with its secrets hidden, as chats and
// the console see it.
func (b *Bot) RedactURL(url string) string { return b.opts.RedactURL(url) }

// SetSchedule sets a chat's daily brief from what follows /schedule
// ("08:00 Europe/Berlin weekdays", or "off"), keeping the chat's zone when
// none is given, and returns the chat's settings as saved.
func (b *Bot) SetSchedule(ctx context.Context, c ChatRef, arg string) (ChatSettings, error) {
	cs, err := b.store.Chat(ctx, c)
	if err != nil {
		return cs, err
	}
	if arg = strings.TrimSpace(arg); strings.EqualFold(arg, "off") || arg == "" {
		cs.Schedule, cs.NextDigest = "", time.Time{}
		return cs, b.store.SaveChat(ctx, cs)
	}
	var zone *time.Location
	if old, err := ParseSchedule(cs.Schedule, nil); err == nil && cs.Schedule != "" {
		zone = old.Zone
	}
	sch, err := ParseSchedule(arg, zone)
	if err != nil {
		return cs, &InputError{Msg: err.Error(), Err: err}
	}
	cs.Schedule = sch.String()
	if cs.NextDigest, err = nextDigest(cs, b.opts.Clock.Now()); err != nil {
		return cs, err
	}
	return cs, b.store.SaveChat(ctx, cs)
}

// SetQuiet sets a chat's quiet hours from what follows /quiet
// ("22:00-07:00", or "off") and returns the chat's settings as saved.
func (b *Bot) SetQuiet(ctx context.Context, c ChatRef, arg string) (ChatSettings, error) {
	cs, err := b.store.Chat(ctx, c)
	if err != nil {
		return cs, err
	}
	if arg = strings.TrimSpace(arg); strings.EqualFold(arg, "off") || arg == "" {
		cs.Quiet = ""
	} else {
		q, err := ParseQuiet(arg)
		if err != nil {
			return cs, &InputError{Msg: err.Error(), Err: err}
		}
		cs.Quiet = q.String()
	}
	if cs.Schedule != "" {
		if cs.NextDigest, err = nextDigest(cs, b.opts.Clock.Now()); err != nil {
			return cs, err
		}
	}
	return cs, b.store.SaveChat(ctx, cs)
}

// Follow subscribes a chat to a topic, a named topic or a query, and
// returns the form it is stored under. It wraps ErrExists for a topic
// the chat follows already.
func (b *Bot) Follow(ctx context.Context, c ChatRef, topic string) (string, error) {
	if strings.TrimSpace(topic) == "" {
		return "", inputErrorf("Name a topic: ukraine, or a name from /topics.")
	}
	key, err := b.topicKey(topic)
	if err != nil {
		return "", &InputError{Msg: err.Error(), Err: err}
	}
	have, err := b.store.Subscriptions(ctx, c)
	if err != nil {
		return "", err
	}
	if len(have) >= MaxTopicsPerChat {
		return "", inputErrorf("This chat follows %d topics, the most it can; drop some first.", len(have))
	}
	if err := b.store.Subscribe(ctx, c, key); err != nil {
		if errors.Is(err, ErrExists) {
			return key, fmt.Errorf("this chat already follows %s: %w", key, err)
		}
		return "", err
	}
	return key, nil
}

// Unfollow drops a chat's topic, or every topic for "all", and returns
// the topic as stored ("" for all) and how many it dropped.
func (b *Bot) Unfollow(ctx context.Context, c ChatRef, topic string) (string, int, error) {
	key := ""
	if !strings.EqualFold(topic, "all") {
		var err error
		if key, err = b.topicKey(topic); err != nil {
			// Not a topic as Follow stores it; it may still be one stored
			// before, unless it is text no topic is (a database would
			// refuse it): then none is dropped.
			if !utf8.ValidString(topic) || strings.ContainsFunc(topic, unicode.IsControl) || len(topic) > MaxQueryLen*utf8.UTFMax {
				return topic, 0, nil
			}
			key = topic
		}
	}
	n, err := b.store.Unsubscribe(ctx, c, key)
	return key, n, err
}

// PauseChat stops (reason not empty) or resumes deliveries to a chat.
func (b *Bot) PauseChat(ctx context.Context, c ChatRef, reason string) error {
	cs, err := b.store.Chat(ctx, c)
	if err != nil {
		return err
	}
	cs.Paused = reason
	return b.store.SaveChat(ctx, cs)
}

// BriefNow queues chat c's daily brief as it would read now (DigestNow)
// for the outbox to send at once. A second ask within the same minute
// (a form sent twice) queues nothing more, and reports false. It returns
// an *InputError when there is nothing new on the chat's topics: then
// nothing is queued.
func (b *Bot) BriefNow(ctx context.Context, c ChatRef) (bool, error) {
	m, err := b.DigestNow(ctx, c)
	if err != nil {
		return false, err
	}
	if m.Digest == nil {
		return false, &InputError{Msg: m.Text + " Nothing was sent."}
	}
	now := b.opts.Clock.Now()
	return Enqueue(ctx, b.store, m, "now:"+now.UTC().Truncate(time.Minute).Format(time.RFC3339), now)
}

// Ago says when t was, or will be, seen from now, as /status does: "5m
// ago", "in 2h03m", "never".
func Ago(now, t time.Time) string { return ago(now, t) }
