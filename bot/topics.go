package bot

import "strings"

// Topic is a named topic the operator offers: some sources, a query, or
// both (an article matches if it comes from one of the sources or matches
// the query).
type Topic struct {
	Name        string
	Description string
	Sources     []string // source URLs
	Query       Query
}

// matcher returns a function reporting whether an article belongs to any
// of the topics; no topics means every article. Named topics' sources are
// given as URLs; sourceURL maps an article's source to its URL.
func (b *Bot) matcher(topics []string, sourceURL map[int64]string) (func(Article, *MatchText) bool, error) {
	if len(topics) == 0 {
		return func(Article, *MatchText) bool { return true }, nil
	}
	var queries []Query
	sources := map[string]bool{}
	for _, t := range topics {
		if named, ok := b.topics[strings.ToLower(t)]; ok {
			for _, s := range named.Sources {
				sources[s] = true
			}
			if !named.Query.IsZero() {
				queries = append(queries, named.Query)
			}
			continue
		}
		q, err := ParseQuery(t)
		if err != nil {
			return nil, err
		}
		queries = append(queries, q)
	}
	return func(a Article, mt *MatchText) bool {
		if sources[sourceURL[a.SourceID]] {
			return true
		}
		for _, q := range queries {
			if q.MatchText(mt) {
				return true
			}
		}
		return false
	}, nil
}
