package postgres

import (
	"context"
	"os"
	"sync"
	"testing"

	"github.com/newsbrief/newsbrief/bot/bottest"
	"github.com/newsbrief/newsbrief/bot/store/storetest"
)

// benchStores are an empty and a full store, each in a schema of its
// own, filled once per test binary (filling takes a minute or so) and
// dropped by TestMain.
var benchStores struct {
	once   sync.Once
	stores []storetest.NamedStore
	drops  []func() error
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, s := range benchStores.stores {
		s.Store.Close()
	}
	for _, drop := range benchStores.drops {
		drop()
	}
	os.Exit(code)
}

// BenchmarkConsole times the console's queries on an empty store and on
// one with 1,000 sources, 10,000 chats, 100,000 articles and 5,000
// deliveries.
func BenchmarkConsole(b *testing.B) {
	base := os.Getenv("NEWSBRIEF_TEST_POSTGRES")
	if base == "" {
		b.Skip("NEWSBRIEF_TEST_POSTGRES is not set")
	}
	benchStores.once.Do(func() {
		ctx := context.Background()
		for _, name := range []string{"empty", "full"} {
			u, drop, err := createSchema(ctx, base)
			if err != nil {
				b.Fatal(err)
			}
			benchStores.drops = append(benchStores.drops, drop)
			s, err := Open(ctx, u)
			if err != nil {
				b.Fatal(err)
			}
			benchStores.stores = append(benchStores.stores, storetest.NamedStore{Name: name, Store: s})
		}
		full := benchStores.stores[1].Store.(*Store)
		bottest.Fill(b, full, bottest.Sizes{Sources: 1000, Chats: 10000, Articles: 100000, Deliveries: 5000})
		// Vacuumed, with fresh statistics: autovacuum went through a
		// store filled like this within a minute of the fill (seen in
		// pg_stat_user_tables), and a store in use is in that state.
		if _, err := full.pool.Exec(ctx, "VACUUM ANALYZE"); err != nil {
			b.Fatal(err)
		}
	})
	if len(benchStores.stores) != 2 {
		b.Fatal("the stores could not be set up")
	}
	storetest.BenchConsole(b, benchStores.stores)
}
