package storetest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/bot"
)

// BenchConsole times each of the console's queries on every store in
// stores, by name: an empty store is the baseline, measured in the same
// run, for a full one (filled by bottest.Fill, which this package cannot
// import: bottest opens a SQLite store, whose tests import this package). The queries are those of a page of the console:
// the overview, the first and a far page of the sources and chats, a
// search of each, the outbox's pages, one source, one chat and a
// session.
func BenchConsole(b *testing.B, stores []NamedStore) {
	type query struct {
		name string
		run  func(ctx context.Context, s bot.Store, one sample) error
	}
	type run = func(ctx context.Context, s bot.Store, one sample) error
	page := func(offset int, q string) bot.Page { return bot.Page{Offset: offset, Limit: bot.MaxPage, Query: q} }
	sources := func(offset int, q string) run {
		return func(ctx context.Context, s bot.Store, _ sample) error {
			_, _, err := s.SourceRows(ctx, page(offset, q))
			return err
		}
	}
	chats := func(offset int, q string) run {
		return func(ctx context.Context, s bot.Store, _ sample) error {
			_, _, err := s.ChatRows(ctx, page(offset, q))
			return err
		}
	}
	outbox := func(status bot.DeliveryStatus) run {
		return func(ctx context.Context, s bot.Store, _ sample) error {
			_, _, err := s.Deliveries(ctx, status, page(0, ""))
			return err
		}
	}
	queries := []query{
		{"Overview", func(ctx context.Context, s bot.Store, _ sample) error {
			_, err := s.Overview(ctx, time.Now().Add(-24*time.Hour), 5)
			return err
		}},
		{"SourceRows/first", sources(0, "")},
		{"SourceRows/last", sources(900, "")},
		{"SourceRows/search", sources(0, "feed04")},
		{"SourceRow", func(ctx context.Context, s bot.Store, one sample) error {
			_, err := s.SourceRow(ctx, one.source)
			return notFoundOK(err)
		}},
		{"ChatRows/first", chats(0, "")},
		{"ChatRows/last", chats(9900, "")},
		{"ChatRows/search", chats(0, "newsroom 12")},
		{"ChatRow", func(ctx context.Context, s bot.Store, one sample) error {
			_, err := s.ChatRow(ctx, one.chat)
			return notFoundOK(err)
		}},
		{"Deliveries/pending", outbox(bot.DeliveryPending)},
		{"Deliveries/dead", outbox(bot.DeliveryDead)},
		{"Session", func(ctx context.Context, s bot.Store, _ sample) error {
			_, err := s.Session(ctx, "bench-session", time.Now())
			return err
		}},
	}
	for _, q := range queries {
		b.Run(q.name, func(b *testing.B) {
			for _, st := range stores {
				b.Run("store="+st.Name, func(b *testing.B) {
					ctx := b.Context()
					one := pick(b, st.Store)
					for b.Loop() {
						if err := q.run(ctx, st.Store, one); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		})
	}
}

// NamedStore is a store for BenchConsole, named for the results.
type NamedStore struct {
	Name  string
	Store bot.Store
}

// sample is a source and a chat of a store, looked up one at a time.
type sample struct {
	source int64
	chat   bot.ChatRef
}

// pick returns the store's first source and chat, made-up ones in an
// empty store (looked up in vain), and makes sure it has a session.
func pick(b *testing.B, s bot.Store) sample {
	ctx := b.Context()
	one := sample{source: 1, chat: bot.ChatRef{Platform: "telegram", ID: "1"}}
	srcs, _, err := s.SourceRows(ctx, bot.Page{Limit: 1})
	if err != nil {
		b.Fatal(err)
	}
	if len(srcs) > 0 {
		one.source = srcs[0].ID
	}
	chats, _, err := s.ChatRows(ctx, bot.Page{Offset: 5000, Limit: 1})
	if err != nil {
		b.Fatal(err)
	}
	if len(chats) > 0 {
		one.chat = chats[0].Chat
	}
	ws := bot.WebSession{TokenHash: "bench-session", Created: time.Now(), Expires: time.Now().Add(time.Hour)}
	if err := s.SaveSession(ctx, ws); err != nil {
		b.Fatal(err)
	}
	return one
}

func notFoundOK(err error) error {
	if errors.Is(err, bot.ErrNotFound) {
		return nil
	}
	return err
}
