package sqlstore

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/newsbrief/newsbrief/bot"
)

const (
	qEnqueue = `
	INSERT INTO deliveries (platform, chat_id, thread, dedup_key, payload, next_attempt_us, created_us)
	VALUES ($1, $2, $3, $4, $5, $6, $7)
	ON CONFLICT (platform, chat_id, thread, dedup_key) DO NOTHING`
	// qClaim leases due deliveries, found through the index
	// deliveries_due. In PostgreSQL, FOR UPDATE SKIP LOCKED makes
	// concurrent claimers pass over the rows one of them is leasing; in
	// SQLite the claim holds the write lock.
	qClaim = `
	UPDATE deliveries SET lease_until_us = $1, attempts = attempts + 1
	WHERE id IN (
		SELECT id FROM deliveries
		WHERE status = 'pending' AND next_attempt_us <= $2 AND lease_until_us <= $2
		ORDER BY next_attempt_us, id LIMIT $3
		{skip_locked})
	RETURNING id, platform, chat_id, thread, dedup_key, payload, attempts, next_attempt_us, last_error, created_us, parts_sent, part_state`
	qMarkSent = `UPDATE deliveries SET status = 'sent', sent_us = $1, lease_until_us = 0, last_error = '' WHERE id = $2`
	qMarkPart = `UPDATE deliveries SET parts_sent = $1, part_state = $2 WHERE id = $3 AND status = 'pending'`
	qRetry    = `UPDATE deliveries SET next_attempt_us = $1, lease_until_us = 0, last_error = $2 WHERE id = $3 AND status = 'pending'`
	qDrop     = `UPDATE deliveries SET status = 'dead', lease_until_us = 0, last_error = $1 WHERE id = $2`
	qOutbox   = `SELECT count(*) FROM deliveries WHERE status = 'pending'`
	qLastSent = `
	SELECT COALESCE(max(sent_us), 0) FROM deliveries
	WHERE platform = $1 AND chat_id = $2 AND thread = $3 AND status = 'sent'`
	// qReserveSlot takes the next free slot for key in one statement. On
	// insert the slot is now and the next free one now+interval.
	qReserveSlot = `
	INSERT INTO rate_slots (key, next_us) VALUES ($1, CAST($2 AS BIGINT) + CAST($3 AS BIGINT))
	ON CONFLICT (key) DO UPDATE SET next_us = {greatest}(rate_slots.next_us, CAST($2 AS BIGINT)) + CAST($3 AS BIGINT)
	RETURNING next_us - CAST($3 AS BIGINT)`
)

func scanDelivery(row Row) (bot.Delivery, error) {
	var d bot.Delivery
	var next, created int64
	err := row.Scan(&d.ID, &d.Chat.Platform, &d.Chat.ID, &d.Chat.Thread, &d.Key, &d.Payload,
		&d.Attempts, &next, &d.LastError, &created, &d.PartsSent, &d.PartState)
	d.NextAttempt, d.Created = Time(next), Time(created)
	return d, err
}

func scanInt64(row Row) (int64, error) {
	var n int64
	err := row.Scan(&n)
	return n, err
}

// Enqueue writes a delivery unless its key is already in the outbox.
func (s *Store) Enqueue(ctx context.Context, d bot.Delivery) (bool, error) {
	if d.Created.IsZero() {
		d.Created = time.Now()
	}
	n, err := s.db.Exec(ctx, s.q.enqueue,
		d.Chat.Platform, d.Chat.ID, d.Chat.Thread, d.Key, d.Payload, Micros(d.NextAttempt), Micros(d.Created))
	if err != nil {
		return false, fmt.Errorf("enqueue %s for %s: %w", d.Key, d.Chat, err)
	}
	return n == 1, nil
}

// Claim leases due deliveries until now+lease, so that no other sender,
// in this process or another, claims them meanwhile.
func (s *Store) Claim(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]bot.Delivery, error) {
	var out []bot.Delivery
	err := s.db.WriteQuery(ctx, func(rows Rows) (err error) {
		out, err = Collect(rows, scanDelivery)
		return err
	}, s.q.claim, Micros(now.Add(lease)), Micros(now), limit)
	if err != nil {
		return nil, fmt.Errorf("claim deliveries: %w", err)
	}
	// RETURNING gives no order.
	slices.SortFunc(out, func(a, b bot.Delivery) int {
		if c := a.NextAttempt.Compare(b.NextAttempt); c != 0 {
			return c
		}
		return int(a.ID - b.ID)
	})
	return out, nil
}

func (s *Store) updateDelivery(ctx context.Context, what string, id int64, query string, args ...any) error {
	return s.update(ctx, what+" delivery", id, query, args...)
}

// MarkSent records a delivery as sent.
func (s *Store) MarkSent(ctx context.Context, id int64, at time.Time) error {
	return s.updateDelivery(ctx, "mark sent", id, s.q.markSent, Micros(at), id)
}

// MarkPart records how many parts of a delivery went out.
func (s *Store) MarkPart(ctx context.Context, id int64, sent int, state string) error {
	return s.updateDelivery(ctx, "mark part of", id, s.q.markPart, sent, state, id)
}

// Retry releases a delivery to be tried again at next.
func (s *Store) Retry(ctx context.Context, id int64, next time.Time, reason string) error {
	return s.updateDelivery(ctx, "retry", id, s.q.retry, Micros(next), reason, id)
}

// Drop gives up on a delivery.
func (s *Store) Drop(ctx context.Context, id int64, reason string) error {
	return s.updateDelivery(ctx, "drop", id, s.q.drop, reason, id)
}

// Outbox returns how many deliveries wait to be sent.
func (s *Store) Outbox(ctx context.Context) (int, error) {
	n, _, err := queryOne(ctx, s.db, scanInt64, s.q.outbox)
	if err != nil {
		return 0, fmt.Errorf("count outbox: %w", err)
	}
	return int(n), nil
}

// LastSent returns when the chat last got a message.
func (s *Store) LastSent(ctx context.Context, c bot.ChatRef) (time.Time, error) {
	last, _, err := queryOne(ctx, s.db, scanInt64, s.q.lastSent, c.Platform, c.ID, c.Thread)
	if err != nil {
		return time.Time{}, fmt.Errorf("last delivery to %s: %w", c, err)
	}
	return Time(last), nil
}

// ReserveSlot takes the next free slot for key. The upsert is one
// statement that writes: SQLite's write lock, or PostgreSQL's lock on
// the key's row, orders concurrent callers, in this process or another.
func (s *Store) ReserveSlot(ctx context.Context, key string, now time.Time, interval time.Duration) (time.Time, error) {
	var slot int64
	err := s.db.WriteQuery(ctx, func(rows Rows) error {
		if !rows.Next() {
			return cmp.Or(rows.Err(), errors.New("the upsert returned no slot"))
		}
		return rows.Scan(&slot)
	}, s.q.reserveSlot, key, now.UnixMicro(), interval.Microseconds())
	if err != nil {
		return time.Time{}, fmt.Errorf("reserve slot %s: %w", key, err)
	}
	return time.UnixMicro(slot).UTC(), nil
}
