package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/store/sqlstore"
)

// qDueChats finds due chats through the partial index chats_next_digest,
// whose condition it repeats.
const qDueChats = `
	SELECT platform, chat_id, thread, schedule, quiet, quiet_day, backfill, paused, last_digest_us, next_digest_us
	FROM chats WHERE schedule <> '' AND paused = '' AND next_digest_us <= ?
	ORDER BY next_digest_us, platform, chat_id, thread LIMIT ?`

const qLeaseChat = `UPDATE chats SET next_digest_us = ? WHERE platform = ? AND chat_id = ? AND thread = ?`

// DueChats claims the chats whose daily brief is due at now and leases
// them until now+lease, returning each with the slot that was due.
func (s *Store) DueChats(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]bot.ChatSettings, error) {
	out, err := claim(ctx, s, sqlstore.ScanChat, func(tx *sql.Tx, cs bot.ChatSettings) error {
		_, err := tx.ExecContext(ctx, qLeaseChat, sqlstore.Micros(now.Add(lease)), cs.Chat.Platform, cs.Chat.ID, cs.Chat.Thread)
		return err
	}, qDueChats, sqlstore.Micros(now), limit)
	if err != nil {
		return nil, fmt.Errorf("due chats: %w", err)
	}
	return out, nil
}
