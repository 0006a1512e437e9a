package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/store/sqlstore"
)

// qAddArticle stores an article unless it is known. The canonical URL and
// fingerprint terms repeat the partial indexes' conditions, without which
// a generic plan cannot use them. ON CONFLICT covers another instance
// adding the same GUID between the check and the insert.
const qAddArticle = `
	INSERT INTO articles (source_id, guid, url, canonical_url, fingerprint, title, body, source_name, published_us, fetched_us, muted)
	SELECT $1::BIGINT, $2::TEXT, $3::TEXT, $4::TEXT, $5::TEXT, $6::TEXT, $7::TEXT, $8::TEXT, $9::BIGINT, $10::BIGINT, $11::BOOLEAN
	WHERE NOT EXISTS (SELECT 1 FROM articles WHERE source_id = $1 AND guid = $2)
		AND NOT EXISTS (SELECT 1 FROM articles WHERE canonical_url = $4 AND canonical_url <> '')
		AND NOT EXISTS (SELECT 1 FROM articles WHERE fingerprint = $5 AND fingerprint <> '')
	ON CONFLICT (source_id, guid) DO NOTHING
	RETURNING id`

// AddArticles stores the articles not already known and returns them, a
// batch at a time, each batch in one transaction and one round trip.
func (s *Store) AddArticles(ctx context.Context, arts []bot.Article) ([]bot.Article, error) {
	return sqlstore.AddInBatches(arts, func(batch []bot.Article) (added []bot.Article, err error) {
		err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) (err error) {
			added, err = addBatch(ctx, tx, batch)
			return err
		})
		return added, err
	})
}

// addBatch sends the inserts of batch together and returns the articles
// they stored.
func addBatch(ctx context.Context, tx pgx.Tx, batch []bot.Article) ([]bot.Article, error) {
	var added []bot.Article
	b := &pgx.Batch{}
	for i := range batch {
		b.Queue(qAddArticle, sqlstore.ArticleArgs(&batch[i], new([sqlstore.ArticleValues]any))...)
	}
	br := tx.SendBatch(ctx, b)
	for _, a := range batch {
		err := br.QueryRow().Scan(&a.StoreID)
		if errors.Is(err, pgx.ErrNoRows) {
			continue // known already
		}
		if err != nil {
			br.Close()
			return nil, fmt.Errorf("article %s: %w", a.GUID, err)
		}
		added = append(added, a)
	}
	if err := br.Close(); err != nil {
		return nil, err
	}
	return added, sqlstore.ArticleCounts(added, func(source int64, n int) error {
		_, err := tx.Exec(ctx, sqlstore.QCountArticles, n, source)
		return err
	})
}
