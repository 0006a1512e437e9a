package sqlstore

import (
	"context"
	"fmt"
	"time"

	"github.com/newsbrief/newsbrief/bot"
)

const (
	chatColumns = `platform, chat_id, thread, schedule, quiet, quiet_day, backfill, paused, last_digest_us, next_digest_us`
	qChat       = `SELECT ` + chatColumns + ` FROM chats WHERE platform = $1 AND chat_id = $2 AND thread = $3`
	qSaveChat   = `
	INSERT INTO chats (` + chatColumns + `)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
	ON CONFLICT (platform, chat_id, thread) DO UPDATE SET
		schedule = excluded.schedule, quiet = excluded.quiet, quiet_day = excluded.quiet_day,
		backfill = excluded.backfill, paused = excluded.paused,
		last_digest_us = excluded.last_digest_us, next_digest_us = excluded.next_digest_us`
	qAddChat = `
	INSERT INTO chats (platform, chat_id, thread) VALUES ($1, $2, $3) ON CONFLICT (platform, chat_id, thread) DO NOTHING`
	qSubscribe = `
	INSERT INTO subscriptions (platform, chat_id, thread, topic, created_us) VALUES ($1, $2, $3, $4, $5)`
	qUnsubscribeAll = `DELETE FROM subscriptions WHERE platform = $1 AND chat_id = $2 AND thread = $3`
	qUnsubscribe    = qUnsubscribeAll + ` AND topic = $4`
	qSubscriptions  = `
	SELECT topic FROM subscriptions WHERE platform = $1 AND chat_id = $2 AND thread = $3
	ORDER BY created_us, {insertion_order}`
)

// ScanChat reads a row of the columns platform, chat_id, thread,
// schedule, quiet, quiet_day, backfill, paused, last_digest_us,
// next_digest_us.
func ScanChat(row Row) (bot.ChatSettings, error) {
	var cs bot.ChatSettings
	var last, next int64
	err := row.Scan(&cs.Chat.Platform, &cs.Chat.ID, &cs.Chat.Thread, &cs.Schedule, &cs.Quiet,
		&cs.QuietDayNotice, &cs.Backfill, &cs.Paused, &last, &next)
	cs.LastDigest, cs.NextDigest = Time(last), Time(next)
	return cs, err
}

// Chat returns a chat's settings.
func (s *Store) Chat(ctx context.Context, c bot.ChatRef) (bot.ChatSettings, error) {
	cs, err := queryOr(ctx, s.db, bot.ChatSettings{Chat: c}, ScanChat, s.q.chat, c.Platform, c.ID, c.Thread)
	if err != nil {
		return cs, fmt.Errorf("chat %s: %w", c, err)
	}
	return cs, nil
}

// SaveChat stores a chat's settings.
func (s *Store) SaveChat(ctx context.Context, cs bot.ChatSettings) error {
	c := cs.Chat
	_, err := s.db.Exec(ctx, s.q.saveChat,
		c.Platform, c.ID, c.Thread, cs.Schedule, cs.Quiet, cs.QuietDayNotice, cs.Backfill, cs.Paused,
		Micros(cs.LastDigest), Micros(cs.NextDigest))
	if err != nil {
		return fmt.Errorf("save chat %s: %w", c, err)
	}
	return nil
}

// Subscribe adds a topic to a chat. The chat gets a row first, if it had
// none, so that the console lists every chat that follows a topic from
// the chats table; a row of defaults reads as no row.
func (s *Store) Subscribe(ctx context.Context, c bot.ChatRef, topic string) error {
	_, err := s.db.Exec(ctx, s.q.addChat, c.Platform, c.ID, c.Thread)
	if err == nil {
		_, err = s.db.Exec(ctx, s.q.subscribe, c.Platform, c.ID, c.Thread, topic, Micros(time.Now()))
	}
	if s.d.Is(err, Unique) {
		err = bot.ErrExists
	}
	if err != nil {
		return fmt.Errorf("subscribe %s to %q: %w", c, topic, err)
	}
	return nil
}

// Unsubscribe removes one topic, or all when topic is empty.
func (s *Store) Unsubscribe(ctx context.Context, c bot.ChatRef, topic string) (int, error) {
	query, args := s.q.unsubscribeAll, []any{c.Platform, c.ID, c.Thread}
	if topic != "" {
		query, args = s.q.unsubscribe, append(args, topic)
	}
	n, err := s.db.Exec(ctx, query, args...)
	if err != nil {
		return 0, fmt.Errorf("unsubscribe %s from %q: %w", c, topic, err)
	}
	return int(n), nil
}

// Subscriptions returns a chat's topics, oldest first.
func (s *Store) Subscriptions(ctx context.Context, c bot.ChatRef) ([]string, error) {
	scan := func(row Row) (string, error) {
		var topic string
		err := row.Scan(&topic)
		return topic, err
	}
	out, err := queryAll(ctx, s.db, scan, s.q.subscriptions, c.Platform, c.ID, c.Thread)
	if err != nil {
		return nil, fmt.Errorf("subscriptions of %s: %w", c, err)
	}
	return out, nil
}
