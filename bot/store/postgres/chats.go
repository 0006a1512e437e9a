package postgres

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/store/sqlstore"
)

// qDueChats leases due chats, found through the partial index
// chats_next_digest, whose condition it repeats.
const qDueChats = `
	WITH due AS (
		SELECT platform, chat_id, thread, next_digest_us AS slot
		FROM chats WHERE schedule <> '' AND paused = '' AND next_digest_us <= $1
		ORDER BY next_digest_us, platform, chat_id, thread LIMIT $3
		FOR UPDATE SKIP LOCKED
	)
	UPDATE chats c SET next_digest_us = $2
	FROM due d
	WHERE c.platform = d.platform AND c.chat_id = d.chat_id AND c.thread = d.thread
	RETURNING c.platform, c.chat_id, c.thread, c.schedule, c.quiet, c.quiet_day, c.backfill, c.paused,
		c.last_digest_us, d.slot`

// DueChats claims the chats whose daily brief is due at now and leases
// them until now+lease. FOR UPDATE SKIP LOCKED keeps concurrent claimers
// off each other's rows; the update returns the slot it replaced, which
// the CTE kept, since RETURNING sees only the new next_digest_us.
func (s *Store) DueChats(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]bot.ChatSettings, error) {
	out, err := query(ctx, s.pool, sqlstore.ScanChat, qDueChats,
		sqlstore.Micros(now), sqlstore.Micros(now.Add(lease)), limit)
	if err != nil {
		return nil, fmt.Errorf("due chats: %w", err)
	}
	// RETURNING gives no order.
	slices.SortFunc(out, func(a, b bot.ChatSettings) int {
		if c := a.NextDigest.Compare(b.NextDigest); c != 0 {
			return c
		}
		return strings.Compare(a.Chat.String(), b.Chat.String())
	})
	return out, nil
}
