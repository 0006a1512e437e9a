package sqlite_test

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/newsbrief/newsbrief/bot/bottest"
	"github.com/newsbrief/newsbrief/bot/store/sqlite"
	"github.com/newsbrief/newsbrief/bot/store/storetest"
)

// consoleScale is the data the console must stay fast with.
var consoleScale = bottest.Sizes{Sources: 1000, Chats: 10000, Articles: 100000, Deliveries: 5000}

// benchStores are an empty and a full store, filled once per test binary
// (filling takes half a minute) and closed by TestMain.
var benchStores struct {
	once   sync.Once
	dir    string
	stores []storetest.NamedStore
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, s := range benchStores.stores {
		s.Store.Close()
	}
	if benchStores.dir != "" {
		os.RemoveAll(benchStores.dir)
	}
	os.Exit(code)
}

// BenchmarkConsole times the console's queries on an empty store and on
// one with 1,000 sources, 10,000 chats, 100,000 articles and 5,000
// deliveries.
func BenchmarkConsole(b *testing.B) {
	benchStores.once.Do(func() {
		dir, err := os.MkdirTemp("", "newsbrief-console-bench")
		if err != nil {
			b.Fatal(err)
		}
		benchStores.dir = dir
		for _, name := range []string{"empty", "full"} {
			s, err := sqlite.Open(context.Background(), filepath.Join(dir, name+".db"))
			if err != nil {
				b.Fatal(err)
			}
			benchStores.stores = append(benchStores.stores, storetest.NamedStore{Name: name, Store: s})
		}
		bottest.Fill(b, benchStores.stores[1].Store, consoleScale)
	})
	if len(benchStores.stores) != 2 {
		b.Fatal("the stores could not be set up")
	}
	storetest.BenchConsole(b, benchStores.stores)
}
