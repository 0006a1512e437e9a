package sqlstore

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/newsbrief/newsbrief/bot"
)

// ArticleBatch bounds the articles stored in one transaction: a feed of
// 100,000 items holds the database's locks a few milliseconds at a time,
// and other writers take their turn in between.
const ArticleBatch = 250

const qArticles = `
	SELECT id, source_id, guid, url, canonical_url, fingerprint, title, body, source_name, published_us, fetched_us
	FROM articles WHERE fetched_us > $1 AND muted = FALSE
	ORDER BY fetched_us DESC, id DESC LIMIT $2`

func scanArticle(row Row) (bot.Article, error) {
	var a bot.Article
	var published, fetched int64
	err := row.Scan(&a.StoreID, &a.SourceID, &a.GUID, &a.URL, &a.CanonicalURL, &a.Fingerprint,
		&a.Title, &a.Text, &a.Source, &published, &fetched)
	a.ID = a.GUID
	a.Published, a.Fetched = Time(published), Time(fetched)
	return a, err
}

// ArticleValues is how many values an article's row has.
const ArticleValues = 11

// ArticleArgs fills args with the values of an article's row, in the
// order the stores insert them: source_id, guid, url, canonical_url,
// fingerprint, title, body, source_name, published_us, fetched_us,
// muted; and returns them as a slice. An article without a fetch time is
// given now. The caller holds the array, which can stay on its stack
// when the driver does not keep the values.
func ArticleArgs(a *bot.Article, args *[ArticleValues]any) []any {
	if a.Fetched.IsZero() {
		a.Fetched = time.Now().UTC()
	}
	*args = [ArticleValues]any{a.SourceID, a.GUID, a.URL, a.CanonicalURL, a.Fingerprint,
		a.Title, a.Text, a.Source, Micros(a.Published), Micros(a.Fetched), a.Muted}
	return args[:]
}

// AddInBatches stores arts ArticleBatch at a time through add, which
// stores one batch in a transaction and returns the articles of it that
// were new. On an error the batches before stay stored and are returned
// with it.
func AddInBatches(arts []bot.Article, add func(batch []bot.Article) ([]bot.Article, error)) ([]bot.Article, error) {
	var added []bot.Article
	for batch := range slices.Chunk(arts, ArticleBatch) {
		more, err := add(batch)
		if err != nil {
			return added, fmt.Errorf("add articles: %w", err)
		}
		added = append(added, more...)
	}
	return added, nil
}

// QCountArticles adds $1 new articles to the count of source $2, in the
// transaction that stored them.
const QCountArticles = `UPDATE sources SET articles = articles + $1 WHERE id = $2`

// ArticleCounts calls count with each source of added and how many of
// added came from it, in the order of the sources' ids, so that
// concurrent batches lock the sources' rows in one order.
func ArticleCounts(added []bot.Article, count func(source int64, n int) error) error {
	counts := map[int64]int{}
	for _, a := range added {
		counts[a.SourceID]++
	}
	for _, id := range slices.Sorted(maps.Keys(counts)) {
		if err := count(id, counts[id]); err != nil {
			return fmt.Errorf("count articles of source %d: %w", id, err)
		}
	}
	return nil
}

// Articles returns recent articles that are not muted, newest first.
func (s *Store) Articles(ctx context.Context, since time.Time, limit int) ([]bot.Article, error) {
	out, err := queryAll(ctx, s.db, scanArticle, s.q.articles, Micros(since), limit)
	if err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
	}
	return out, nil
}
