package bot

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/newsbrief/newsbrief/brief"
)

// DigestStore is what the daily briefs need of the store.
type DigestStore interface {
	// DueChats claims up to limit chats with a schedule, not paused, whose
	// next daily brief is due at now, moving their next brief to now+lease
	// as DueSources does for sources. The settings it returns carry the
	// slot that was due in NextDigest, not the lease, since the slot names
	// the brief's delivery. SaveChat after the brief writes the real next
	// one; an instance taking over an expired lease sees the lease's end as
	// the slot.
	DueChats(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]ChatSettings, error)
	ChatStore
	SubscriptionReader
	ArticleReader
	Enqueuer
}

// digestLease is how long a chat claimed for its daily brief is held from
// other instances: a round builds every brief from one pool in well under
// this, and an instance that dies mid-round delays the rest by this much.
const digestLease = 5 * time.Minute

// EnqueueDue claims the chats whose daily brief is due, writes each brief
// to the outbox under a key naming its slot, and schedules the next one.
// The claim keeps other instances from building the same briefs. A chat
// whose brief failed, or whose instance died, stays leased; when the lease
// runs out any instance builds the brief, with the lease's end as slot.
func (b *Bot) EnqueueDue(ctx context.Context) (int, error) {
	now := b.opts.Clock.Now()
	due, err := b.store.DueChats(ctx, now, digestLease, 1000)
	if err != nil {
		return 0, fmt.Errorf("due chats: %w", err)
	}
	if len(due) == 0 {
		return 0, nil
	}
	// One pool of articles for every chat due in this round.
	since := now
	for _, cs := range due {
		since = minTime(since, digestSince(cs, now, b.opts.Window))
	}
	p, err := b.loadPool(ctx, since)
	if err != nil {
		return 0, err
	}
	// Chats with the same topics and the same last brief get the same
	// digest: build it once.
	memo := map[string]brief.Digest{}
	n := 0
	for _, cs := range due {
		if err := ctx.Err(); err != nil {
			return n, err
		}
		queued, err := b.enqueueDigest(ctx, p, memo, cs, now)
		if err != nil {
			b.opts.Log.Error("daily brief", "chat", cs.Chat.String(), "err", err)
			continue
		}
		if queued {
			n++
		}
	}
	return n, nil
}

// digestSince is where a chat's daily brief starts: after the last one,
// but no further back than a week, and one window back for a new chat.
func digestSince(cs ChatSettings, now time.Time, window time.Duration) time.Time {
	if cs.LastDigest.IsZero() || now.Sub(cs.LastDigest) > 7*24*time.Hour {
		return now.Add(-window)
	}
	return cs.LastDigest
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func (b *Bot) enqueueDigest(ctx context.Context, p *pool, memo map[string]brief.Digest, cs ChatSettings, now time.Time) (bool, error) {
	topics, err := b.store.Subscriptions(ctx, cs.Chat)
	if err != nil {
		return false, err
	}
	since := digestSince(cs, now, b.opts.Window)
	key := strings.Join(topics, "\x00") + "\x00" + since.UTC().Format(time.RFC3339Nano)
	d, ok := memo[key]
	if !ok {
		if d, err = b.digestFrom(p, topics, since, now, b.opts.MaxStories); err != nil {
			return false, err
		}
		memo[key] = d
	}
	m := dailyMessage(cs, topics, d, now)
	queued := false
	if len(d.Stories) > 0 || cs.QuietDayNotice {
		key := "digest:" + cs.NextDigest.UTC().Format(time.RFC3339)
		if queued, err = Enqueue(ctx, b.store, m, key, now); err != nil {
			return false, err
		}
	}
	cs.LastDigest = now
	if cs.NextDigest, err = nextDigest(cs, now); err != nil {
		return queued, err
	}
	return queued, b.store.SaveChat(ctx, cs)
}

// dailyMessage is a chat's daily brief: digest d under its heading, or
// the quiet-day line when d has no stories.
func dailyMessage(cs ChatSettings, topics []string, d brief.Digest, now time.Time) Message {
	if len(d.Stories) == 0 {
		return Message{Chat: cs.Chat, Text: "A quiet day: nothing new on " + describeTopics(topics) + "."}
	}
	return Message{Chat: cs.Chat, Digest: &d, Heading: digestHeading(cs, topics, now)}
}

// RunScheduler checks for due daily briefs every tick until ctx ends.
func (b *Bot) RunScheduler(ctx context.Context, every time.Duration) error {
	for {
		if _, err := b.EnqueueDue(ctx); err != nil && ctx.Err() == nil {
			b.opts.Log.Error("schedule round", "err", err)
		}
		if b.opts.Clock.Sleep(ctx, every) != nil {
			return nil
		}
	}
}

// digestHeading names a daily brief: its date in the chat's time zone and
// the topics it covers.
func digestHeading(cs ChatSettings, topics []string, now time.Time) string {
	zone := time.UTC
	if sch, err := ParseSchedule(cs.Schedule, nil); err == nil && sch.Zone != nil {
		zone = sch.Zone
	}
	return "Daily brief, " + now.In(zone).Format("Mon 2 January 2006") + ": " + describeTopics(topics)
}
