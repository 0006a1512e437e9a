package sqlstore

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/newsbrief/newsbrief/bot"
)

// The console's queries (bot.AdminStore). Each list is read a page at a
// time through an index in the list's order; what a row shows besides
// its own columns (a source's article count, a chat's topics and
// deliveries) is looked up for the rows of the page only, after the page
// is cut, each through an index on the looked-up table. A search
// (Page.Query) is a substring match, which no B-tree index serves: it
// reads the list's own table (a thousand sources, some thousands of
// chats), never the articles or the outbox.

const (
	// sourceRowColumns are a source's, its paused flag, its state and
	// its count of articles (kept by the stores as they add them), from
	// sources s and source_state st.
	sourceRowColumns = `s.id, s.url, s.title, s.interval_seconds, s.backfill, s.added_us, s.guarded, s.paused,
		st.etag, st.last_modified, st.last_poll_us, st.last_success_us, st.status, st.failures,
		st.last_error, st.hint, st.next_poll_us, st.polls, s.articles`
	// qSourcePage sorts the failing sources first, then by name.
	qSourcePage = `
	SELECT ` + sourceRowColumns + `{total}
	FROM sources s JOIN source_state st ON st.source_id = s.id
	{filter}
	ORDER BY CASE WHEN st.failures > 0 THEN 0 ELSE 1 END, lower(CASE WHEN s.title <> '' THEN s.title ELSE s.url END){byte_order}, s.id
	LIMIT $1 OFFSET $2`
	qSourceRow   = `SELECT ` + sourceRowColumns + ` FROM sources s JOIN source_state st ON st.source_id = s.id WHERE s.id = $1`
	qSourceCount = `SELECT count(*) FROM sources s {filter}`
	sourceFilter = `WHERE {lower}(s.url || '` + searchSep + `' || s.title) LIKE $%d ESCAPE '\'`
	qPauseSource = `UPDATE sources SET paused = $1 WHERE id = $2`
	qPollSoon    = `UPDATE source_state SET next_poll_us = $1 WHERE source_id = $2`

	// chatRowColumns are a chat's row in c, then, through indexes on
	// deliveries and subscriptions: when it was last sent to
	// (deliveries_chat, newest first), how many deliveries wait
	// (deliveries_chat again: they are not sent), why the newest failed one failed
	// (deliveries_chat_failed) and its topics in the order they were
	// added (the subscriptions' key), joined by a unit separator.
	chatRowColumns = `c.platform, c.chat_id, c.thread, c.schedule, c.quiet, c.quiet_day, c.backfill, c.paused,
		c.last_digest_us, c.next_digest_us, c.title,
		COALESCE((SELECT d.sent_us FROM deliveries d
			WHERE d.platform = c.platform AND d.chat_id = c.chat_id AND d.thread = c.thread AND d.status = 'sent'
			ORDER BY d.sent_us DESC LIMIT 1), 0),
		(SELECT count(*) FROM deliveries d
			WHERE d.platform = c.platform AND d.chat_id = c.chat_id AND d.thread = c.thread AND d.sent_us = 0
			AND d.status = 'pending'),
		COALESCE((SELECT d.last_error FROM deliveries d
			WHERE d.platform = c.platform AND d.chat_id = c.chat_id AND d.thread = c.thread
			AND (d.status = 'dead' OR (d.status = 'pending' AND d.last_error <> ''))
			ORDER BY d.id DESC LIMIT 1), ''),
		COALESCE((SELECT string_agg(sub.topic, '` + topicSep + `' ORDER BY sub.created_us, sub.{insertion_order}) FROM subscriptions sub
			WHERE sub.platform = c.platform AND sub.chat_id = c.chat_id AND sub.thread = c.thread), '')`
	topicSep = "\x1f"
	// searchSep joins the columns a search looks in, so that a search
	// matches within one of them, not across two.
	searchSep = "\x1f"
	// qChatPage cuts the page first, in the order of the chats' key and
	// through its index (chats_page in PostgreSQL, which orders it byte
	// by byte), then looks up the page's rows. (Cut on the key
	// alone and joined back, PostgreSQL hashed every chat for the join.)
	qChatPage = `
	SELECT ` + chatRowColumns + `{outer_total}
	FROM (
		SELECT ` + chatColumns + `, title{total} FROM chats ch {filter}
		ORDER BY platform{byte_order}, chat_id{byte_order}, thread{byte_order} LIMIT $1 OFFSET $2
	) c
	ORDER BY c.platform{byte_order}, c.chat_id{byte_order}, c.thread{byte_order}`
	qChatRow      = `SELECT ` + chatRowColumns + ` FROM chats c WHERE c.platform = $1 AND c.chat_id = $2 AND c.thread = $3`
	qChatCount    = `SELECT count(*) FROM chats ch {filter}`
	chatFilter    = `WHERE {chat_search} LIKE $%d ESCAPE '\'`
	qSetChatTitle = `
	INSERT INTO chats (platform, chat_id, thread, title) VALUES ($1, $2, $3, $4)
	ON CONFLICT (platform, chat_id, thread) DO UPDATE SET title = excluded.title
	WHERE chats.title <> excluded.title`

	// The outbox by status, oldest first, through deliveries_status.
	deliveryRowColumns = `id, platform, chat_id, thread, dedup_key, payload, attempts, next_attempt_us, last_error,
		created_us, parts_sent, part_state, sent_us`
	qDeliveryPage  = `SELECT ` + deliveryRowColumns + `{total} FROM deliveries d WHERE d.status = $1 {filter} ORDER BY d.id LIMIT $2 OFFSET $3`
	qDeliveryCount = `SELECT count(*) FROM deliveries d WHERE d.status = $1 {filter}`
	deliveryFilter = `AND {lower}(d.chat_id || '` + searchSep + `' || d.platform || '` + searchSep + `' || d.last_error) LIKE $%d ESCAPE '\'`
	qDelivery      = `SELECT ` + deliveryRowColumns + ` FROM deliveries WHERE id = $1`
	// qRetryNow makes a pending or dead delivery due at $1. A dead one
	// starts its attempts afresh (it had used them all up); a pending one
	// keeps them, and keeps a lease still running at $1: a sender is
	// sending it, and a second claim would send it twice. parts_sent stays,
	// so only what is owed is sent.
	qRetryNow = `
	UPDATE deliveries SET status = 'pending', next_attempt_us = $1,
		attempts = CASE WHEN status = 'dead' THEN 0 ELSE attempts END,
		lease_until_us = CASE WHEN status = 'pending' AND lease_until_us > $1 THEN lease_until_us ELSE 0 END
	WHERE id = $2 AND status IN ('pending', 'dead')`

	// The first page's figures, each counted through an index.
	qOverview = `
	SELECT
		(SELECT count(*) FROM sources),
		(SELECT count(*) FROM source_state st JOIN sources s ON s.id = st.source_id WHERE st.failures > 0 AND NOT s.paused),
		(SELECT count(*) FROM sources WHERE paused),
		(SELECT count(*) FROM articles WHERE fetched_us >= $1),
		(SELECT count(*) FROM deliveries WHERE status = 'sent' AND sent_us >= $1),
		(SELECT count(*) FROM deliveries WHERE status = 'pending'),
		(SELECT count(*) FROM deliveries WHERE status = 'pending' AND last_error <> ''),
		(SELECT count(*) FROM deliveries WHERE status = 'dead')`
	// qNextBriefs reads chats_next_digest, whose condition it repeats.
	qNextBriefs = `
	SELECT ` + chatColumns + ` FROM chats
	WHERE schedule <> '' AND paused = '' AND next_digest_us > 0
	ORDER BY next_digest_us, platform, chat_id, thread LIMIT $1`

	qSaveSession = `
	INSERT INTO web_sessions (token_hash, created_us, expires_us) VALUES ($1, $2, $3)
	ON CONFLICT (token_hash) DO UPDATE SET expires_us = excluded.expires_us`
	qSession       = `SELECT token_hash, created_us, expires_us FROM web_sessions WHERE token_hash = $1 AND expires_us > $2`
	qDeleteSession = `DELETE FROM web_sessions WHERE token_hash = $1 OR expires_us <= $2`
)

// adminQueries are the console's statements in one dialect; a list with
// a search has its own text (filtered), whose pattern is the last
// argument.
type adminQueries struct {
	sourcePage, sourcePageFiltered, sourceCount, sourceCountFiltered, sourceRow string
	pauseSource, pollSoon                                                       string
	chatPage, chatPageFiltered, chatCount, chatCountFiltered, chatRow           string
	setChatTitle                                                                string
	deliveryPage, deliveryPageFiltered, deliveryCount, deliveryCountFiltered    string
	delivery, retryNow                                                          string
	overview, nextBriefs                                                        string
	saveSession, session, deleteSession                                         string
}

// filtered returns query with {filter} replaced by filter, whose
// pattern is the n-th argument, and with the count of the rows matching
// as its last column ({total}, {outer_total} in a query around it), or
// with none of these for filter "".
func (d Dialect) filtered(query, filter string, n int) string {
	total, outer := "", ""
	if filter != "" {
		filter = strings.ReplaceAll(filter, "%d", fmt.Sprint(n))
		total, outer = ", count(*) OVER () AS total", ", c.total"
	}
	return d.SQL(strings.NewReplacer("{filter}", filter, "{total}", total, "{outer_total}", outer).Replace(query))
}

func (d Dialect) adminQueries() adminQueries {
	return adminQueries{
		sourcePage: d.filtered(qSourcePage, "", 0), sourcePageFiltered: d.filtered(qSourcePage, sourceFilter, 3),
		sourceCount: d.filtered(qSourceCount, "", 0), sourceCountFiltered: d.filtered(qSourceCount, sourceFilter, 1),
		sourceRow: d.SQL(qSourceRow), pauseSource: d.SQL(qPauseSource), pollSoon: d.SQL(qPollSoon),
		chatPage: d.filtered(qChatPage, "", 0), chatPageFiltered: d.filtered(qChatPage, chatFilter, 3),
		chatCount: d.filtered(qChatCount, "", 0), chatCountFiltered: d.filtered(qChatCount, chatFilter, 1),
		chatRow: d.SQL(qChatRow), setChatTitle: d.SQL(qSetChatTitle),
		deliveryPage: d.filtered(qDeliveryPage, "", 0), deliveryPageFiltered: d.filtered(qDeliveryPage, deliveryFilter, 4),
		deliveryCount: d.filtered(qDeliveryCount, "", 0), deliveryCountFiltered: d.filtered(qDeliveryCount, deliveryFilter, 2),
		delivery: d.SQL(qDelivery), retryNow: d.SQL(qRetryNow),
		overview: d.SQL(qOverview), nextBriefs: d.SQL(qNextBriefs),
		saveSession: d.SQL(qSaveSession), session: d.SQL(qSession), deleteSession: d.SQL(qDeleteSession),
	}
}

// Admin returns the console's queries in this store's dialect, with
// example arguments, for a store's test that asks the database how it
// runs each.
func (s *Store) Admin() []PlanQuery {
	a := s.a
	return []PlanQuery{
		{"overview", a.overview, []any{0}},
		{"next briefs", a.nextBriefs, []any{5}},
		{"source page", a.sourcePage, []any{100, 0}},
		{"source page searched", a.sourcePageFiltered, []any{100, 0, "%news%"}},
		{"source count", a.sourceCount, nil},
		{"source count searched", a.sourceCountFiltered, []any{"%news%"}},
		{"source row", a.sourceRow, []any{1}},
		{"pause source", a.pauseSource, []any{true, 1}},
		{"poll soon", a.pollSoon, []any{0, 1}},
		{"chat page", a.chatPage, []any{100, 0}},
		{"chat page searched", a.chatPageFiltered, []any{100, 0, "%42%"}},
		{"chat count", a.chatCount, nil},
		{"chat count searched", a.chatCountFiltered, []any{"%42%"}},
		{"chat row", a.chatRow, []any{"telegram", "1", ""}},
		{"set chat title", a.setChatTitle, []any{"telegram", "1", "", "Newsroom"}},
		{"delivery page", a.deliveryPage, []any{"pending", 100, 0}},
		{"delivery page searched", a.deliveryPageFiltered, []any{"dead", 100, 0, "%42%"}},
		{"delivery count", a.deliveryCount, []any{"dead"}},
		{"delivery count searched", a.deliveryCountFiltered, []any{"dead", "%42%"}},
		{"delivery", a.delivery, []any{1}},
		{"retry now", a.retryNow, []any{0, 1}},
		{"save session", a.saveSession, []any{"h", 0, 1}},
		{"session", a.session, []any{"h", 0}},
		{"delete session", a.deleteSession, []any{"h", 0}},
	}
}

// pageArgs returns a page's limit and offset, bounded, and its search
// as a LIKE pattern ("" for none).
func pageArgs(p bot.Page) (limit, offset int, pattern string) {
	limit, offset = p.Limit, max(p.Offset, 0)
	if limit <= 0 || limit > bot.MaxPage {
		limit = bot.MaxPage
	}
	if q := strings.TrimSpace(p.Query); q != "" {
		q = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(strings.ToLower(q))
		pattern = "%" + q + "%"
	}
	return limit, offset, pattern
}

// page reads a page of rows and how many match in all. A search reads
// both in one pass: its list statement gives the count as the last
// column of each row, and only a page past the end, which has no row to
// tell it, asks the count statement. The pattern goes last in the
// arguments of the statements of a search.
func page[T any](ctx context.Context, s *Store, p bot.Page, scan func(Row) (T, error),
	list, listFiltered, count, countFiltered string, args ...any) ([]T, int, error) {
	limit, offset, pattern := pageArgs(p)
	listArgs := append(append([]any{}, args...), limit, offset)
	countArgs := append([]any{}, args...)
	var total int64
	if pattern != "" {
		list, count = listFiltered, countFiltered
		listArgs, countArgs = append(listArgs, pattern), append(countArgs, pattern)
		plain := scan
		scan = func(row Row) (T, error) { return plain(withTotal{row, &total}) }
	}
	rows, err := queryAll(ctx, s.db, scan, list, listArgs...)
	if err != nil || (pattern != "" && len(rows) > 0) {
		return rows, int(total), err
	}
	total, _, err = queryOne(ctx, s.db, scanInt64, count, countArgs...)
	return rows, int(total), err
}

// withTotal is a row whose last column, the count of all the rows
// matching, goes to total.
type withTotal struct {
	Row
	total *int64
}

func (r withTotal) Scan(dest ...any) error { return r.Row.Scan(append(dest, r.total)...) }

func scanSourceRow(row Row) (bot.SourceRow, error) {
	var r bot.SourceRow
	var interval, added int64
	sc := stateScan(&r.State)
	dest := append([]any{&r.ID, &r.URL, &r.Title, &interval, &r.Backfill, &added, &r.Guarded, &r.Paused}, sc.dest...)
	err := row.Scan(append(dest, &r.Articles)...)
	r.Interval, r.Added = time.Duration(interval)*time.Second, Time(added)
	sc.done()
	r.State.SourceID = r.ID
	return r, err
}

// SourceRows returns a page of sources, failing ones first, then by name
// (the title, else the URL), and how many match in all.
func (s *Store) SourceRows(ctx context.Context, p bot.Page) ([]bot.SourceRow, int, error) {
	rows, n, err := page(ctx, s, p, scanSourceRow, s.a.sourcePage, s.a.sourcePageFiltered, s.a.sourceCount, s.a.sourceCountFiltered)
	if err != nil {
		return nil, 0, fmt.Errorf("list sources: %w", err)
	}
	return rows, n, nil
}

// SourceRow returns one source as the console lists it.
func (s *Store) SourceRow(ctx context.Context, id int64) (bot.SourceRow, error) {
	return queryFound(ctx, s.db, scanSourceRow, fmt.Sprintf("source %d", id), s.a.sourceRow, id)
}

// PauseSource stops or resumes polling a source. A resumed source is due
// when its next poll was, which is at once if that has passed.
func (s *Store) PauseSource(ctx context.Context, id int64, paused bool) error {
	return s.update(ctx, "pause source", id, s.a.pauseSource, paused, id)
}

// PollSoon makes a source due at at.
func (s *Store) PollSoon(ctx context.Context, id int64, at time.Time) error {
	return s.update(ctx, "poll soon source", id, s.a.pollSoon, Micros(at), id)
}

func scanChatRow(row Row) (bot.ChatRow, error) {
	var r bot.ChatRow
	var last, next, sent int64
	var topics string
	cs := &r.ChatSettings
	err := row.Scan(&cs.Chat.Platform, &cs.Chat.ID, &cs.Chat.Thread, &cs.Schedule, &cs.Quiet,
		&cs.QuietDayNotice, &cs.Backfill, &cs.Paused, &last, &next, &r.Title,
		&sent, &r.Pending, &r.LastError, &topics)
	cs.LastDigest, cs.NextDigest, r.LastSent = Time(last), Time(next), Time(sent)
	if topics != "" {
		r.Topics = strings.Split(topics, topicSep)
	}
	return r, err
}

// ChatRows returns a page of chats in platform and id order, and how
// many match in all.
func (s *Store) ChatRows(ctx context.Context, p bot.Page) ([]bot.ChatRow, int, error) {
	rows, n, err := page(ctx, s, p, scanChatRow, s.a.chatPage, s.a.chatPageFiltered, s.a.chatCount, s.a.chatCountFiltered)
	if err != nil {
		return nil, 0, fmt.Errorf("list chats: %w", err)
	}
	return rows, n, nil
}

// ChatRow returns one chat as the console lists it.
func (s *Store) ChatRow(ctx context.Context, c bot.ChatRef) (bot.ChatRow, error) {
	return queryFound(ctx, s.db, scanChatRow, fmt.Sprintf("chat %s", c), s.a.chatRow, c.Platform, c.ID, c.Thread)
}

// SetChatTitle records a chat's name, giving the chat a row if it had
// none; an unchanged name writes nothing.
func (s *Store) SetChatTitle(ctx context.Context, c bot.ChatRef, title string) error {
	if _, err := s.db.Exec(ctx, s.a.setChatTitle, c.Platform, c.ID, c.Thread, title); err != nil {
		return fmt.Errorf("set title of chat %s: %w", c, err)
	}
	return nil
}

func scanDeliveryRow(row Row) (bot.Delivery, error) {
	var d bot.Delivery
	var next, created, sent int64
	err := row.Scan(&d.ID, &d.Chat.Platform, &d.Chat.ID, &d.Chat.Thread, &d.Key, &d.Payload,
		&d.Attempts, &next, &d.LastError, &created, &d.PartsSent, &d.PartState, &sent)
	d.NextAttempt, d.Created, d.Sent = Time(next), Time(created), Time(sent)
	return d, err
}

// Deliveries returns a page of the outbox with that status, oldest
// first, and how many match in all. A search matches the chat's id or
// platform, or the reason of the last failure.
func (s *Store) Deliveries(ctx context.Context, status bot.DeliveryStatus, p bot.Page) ([]bot.Delivery, int, error) {
	if status != bot.DeliveryPending && status != bot.DeliveryDead {
		return nil, 0, fmt.Errorf("list deliveries: unknown status %q (want %q or %q)", status, bot.DeliveryPending, bot.DeliveryDead)
	}
	rows, n, err := page(ctx, s, p, scanDeliveryRow, s.a.deliveryPage, s.a.deliveryPageFiltered,
		s.a.deliveryCount, s.a.deliveryCountFiltered, string(status))
	if err != nil {
		return nil, 0, fmt.Errorf("list %s deliveries: %w", status, err)
	}
	return rows, n, nil
}

// Delivery returns one delivery.
func (s *Store) Delivery(ctx context.Context, id int64) (bot.Delivery, error) {
	return queryFound(ctx, s.db, scanDeliveryRow, fmt.Sprintf("delivery %d", id), s.a.delivery, id)
}

// RetryNow makes a pending or dead delivery pending and due at at. A
// delivery that was sent is not sent again: it is not found among those
// that may be retried (bot.ErrNotFound).
func (s *Store) RetryNow(ctx context.Context, id int64, at time.Time) error {
	return s.update(ctx, "retry (pending or dead) delivery", id, s.a.retryNow, Micros(at), id)
}

// Overview counts what the console's first page shows.
func (s *Store) Overview(ctx context.Context, since time.Time, n int) (bot.Overview, error) {
	scan := func(row Row) (bot.Overview, error) {
		var o bot.Overview
		err := row.Scan(&o.Sources, &o.SourcesFailing, &o.SourcesPaused, &o.ArticlesSince, &o.SentSince,
			&o.Pending, &o.Retrying, &o.Dead)
		return o, err
	}
	o, _, err := queryOne(ctx, s.db, scan, s.a.overview, Micros(since))
	if err == nil && n > 0 {
		o.NextBriefs, err = queryAll(ctx, s.db, ScanChat, s.a.nextBriefs, n)
	}
	if err != nil {
		return bot.Overview{}, fmt.Errorf("overview: %w", err)
	}
	return o, nil
}

// SaveSession stores a session, or renews the one with its token hash.
func (s *Store) SaveSession(ctx context.Context, ws bot.WebSession) error {
	if _, err := s.db.Exec(ctx, s.a.saveSession, ws.TokenHash, Micros(ws.Created), Micros(ws.Expires)); err != nil {
		return fmt.Errorf("save session: %w", err)
	}
	return nil
}

// Session returns the session with that token hash if it has not expired
// at now.
func (s *Store) Session(ctx context.Context, tokenHash string, now time.Time) (bot.WebSession, error) {
	scan := func(row Row) (bot.WebSession, error) {
		var ws bot.WebSession
		var created, expires int64
		err := row.Scan(&ws.TokenHash, &created, &expires)
		ws.Created, ws.Expires = Time(created), Time(expires)
		return ws, err
	}
	return queryFound(ctx, s.db, scan, "session", s.a.session, tokenHash, Micros(now))
}

// DeleteSession ends a session, and every session expired at now.
func (s *Store) DeleteSession(ctx context.Context, tokenHash string, now time.Time) error {
	if _, err := s.db.Exec(ctx, s.a.deleteSession, tokenHash, Micros(now)); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}
