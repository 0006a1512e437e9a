package sqlstore

// queries are the shared statements in one dialect, rewritten once when
// the store opens.
type queries struct {
	sourceByURL, sources, removeSource, state, saveState                           string
	articles                                                                       string
	chat, saveChat, addChat, subscribe, unsubscribe, unsubscribeAll, subscriptions string
	enqueue, claim, markSent, markPart, retry, drop, outbox, lastSent              string
	reserveSlot                                                                    string
}

func (d Dialect) queries() queries {
	return queries{
		sourceByURL: d.SQL(qSourceByURL), sources: d.SQL(qSources), removeSource: d.SQL(qRemoveSource),
		state: d.SQL(qState), saveState: d.SQL(qSaveState),
		articles: d.SQL(qArticles),
		chat:     d.SQL(qChat), saveChat: d.SQL(qSaveChat), addChat: d.SQL(qAddChat), subscribe: d.SQL(qSubscribe),
		unsubscribe: d.SQL(qUnsubscribe), unsubscribeAll: d.SQL(qUnsubscribeAll), subscriptions: d.SQL(qSubscriptions),
		enqueue: d.SQL(qEnqueue), claim: d.SQL(qClaim), markSent: d.SQL(qMarkSent), markPart: d.SQL(qMarkPart),
		retry: d.SQL(qRetry), drop: d.SQL(qDrop), outbox: d.SQL(qOutbox), lastSent: d.SQL(qLastSent),
		reserveSlot: d.SQL(qReserveSlot),
	}
}

// PlanQuery is a query on the hot path with example arguments, for a
// store's test that asks the database how it runs each.
type PlanQuery struct {
	Name  string
	Query string
	Args  []any
}

// HotPath returns the shared queries on the hot path (polling, claiming
// deliveries, answering commands), in this store's dialect. A store's
// plan test adds its own claims and article inserts.
func (s *Store) HotPath() []PlanQuery {
	return []PlanQuery{
		{"source by URL", s.q.sourceByURL, []any{"https://a.example/feed"}},
		{"source state", s.q.state, []any{1}},
		{"recent articles", s.q.articles, []any{0, 100}},
		{"chat", s.q.chat, []any{"telegram", "1", ""}},
		{"subscriptions", s.q.subscriptions, []any{"telegram", "1", ""}},
		{"claim deliveries", s.q.claim, []any{0, 0, 10}},
		{"outbox depth", s.q.outbox, nil},
		{"last sent", s.q.lastSent, []any{"telegram", "1", ""}},
		{"reserve slot", s.q.reserveSlot, []any{"send:telegram", 0, 34}},
	}
}
