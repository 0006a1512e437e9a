package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/store/sqlstore"
)

// qSeen tells whether an article is known. The canonical URL and
// fingerprint terms repeat the partial indexes' conditions, without which
// SQLite cannot use them and scans every article.
const qSeen = `
	SELECT 1 FROM articles WHERE source_id = ?1 AND guid = ?2
	UNION ALL SELECT 1 FROM articles WHERE canonical_url = ?3 AND canonical_url <> ''
	UNION ALL SELECT 1 FROM articles WHERE fingerprint = ?4 AND fingerprint <> ''
	LIMIT 1`

const qInsertArticle = `
	INSERT INTO articles (source_id, guid, url, canonical_url, fingerprint, title, body, source_name, published_us, fetched_us, muted)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

// AddArticles stores the articles not already known and returns them, a
// batch at a time, each batch in its turn of the write lock.
func (s *Store) AddArticles(ctx context.Context, arts []bot.Article) ([]bot.Article, error) {
	return sqlstore.AddInBatches(arts, func(batch []bot.Article) (added []bot.Article, err error) {
		err = s.write(ctx, func(tx *sql.Tx) (err error) {
			added, err = addBatch(ctx, tx, batch)
			return err
		})
		return added, err
	})
}

// addBatch stores the articles of batch not known yet and returns them.
// It looks each up first, by prepared statements that the batch reuses.
func addBatch(ctx context.Context, tx *sql.Tx, batch []bot.Article) ([]bot.Article, error) {
	var added []bot.Article
	seen, err := tx.PrepareContext(ctx, qSeen)
	if err != nil {
		return nil, err
	}
	defer seen.Close()
	insert, err := tx.PrepareContext(ctx, qInsertArticle)
	if err != nil {
		return nil, err
	}
	defer insert.Close()
	for _, a := range batch {
		var one int
		err := seen.QueryRowContext(ctx, a.SourceID, a.GUID, a.CanonicalURL, a.Fingerprint).Scan(&one)
		if err == nil {
			continue // seen before
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return nil, err
		}
		var args [sqlstore.ArticleValues]any
		res, err := insert.ExecContext(ctx, sqlstore.ArticleArgs(&a, &args)...)
		if err != nil {
			return nil, fmt.Errorf("article %s: %w", a.GUID, err)
		}
		a.StoreID, _ = res.LastInsertId()
		added = append(added, a)
	}
	return added, sqlstore.ArticleCounts(added, func(source int64, n int) error {
		_, err := tx.ExecContext(ctx, qCountArticles, n, source)
		return err
	})
}

var qCountArticles = dialect.SQL(sqlstore.QCountArticles)
