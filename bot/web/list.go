package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode"

	"github.com/newsbrief/newsbrief/bot"
)

// perPage is how many rows a list shows: enough to scan, few enough
// that a page stays small on a phone.
const perPage = 50

// maxQuery bounds a search.
const maxQuery = 200

// maxPageNumber bounds the page asked for: far past any list's end, and
// small enough that its offset stays a positive int.
const maxPageNumber = 1 << 30

// cleanText is s as a search may hold it: valid UTF-8 without control
// characters (PostgreSQL refuses a NUL in text, and no search needs one).
func cleanText(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, ""))
}

// pager is a list's search and its place in the list.
type pager struct {
	Path  string // the list's page
	Query string
	Page  int // from 1
	Pages int
	Total int
	extra url.Values // more of the list's state, kept in the links
}

// listPage reads the search and page number of a list's request.
func listPage(r *http.Request, path string) (pager, bot.Page) {
	q := strings.TrimSpace(cleanText(r.FormValue("q")))
	if len(q) > maxQuery {
		q = strings.ToValidUTF8(q[:maxQuery], "") // not half a character
	}
	n, err := strconv.Atoi(r.FormValue("page"))
	if err != nil || n < 1 {
		n = 1
	}
	n = min(n, maxPageNumber) // (n-1)*perPage must not wrap round
	return pager{Path: path, Query: q, Page: n}, bot.Page{Query: q, Offset: (n - 1) * perPage, Limit: perPage}
}

// of fills in the totals once the store has answered.
func (p pager) of(total int) pager {
	p.Total = total
	p.Pages = max(1, (total+perPage-1)/perPage)
	return p
}

// link is the URL of page n of the same list.
func (p pager) link(n int) string {
	v := url.Values{}
	for k, vs := range p.extra {
		v[k] = vs
	}
	if p.Query != "" {
		v.Set("q", p.Query)
	}
	if n > 1 {
		v.Set("page", strconv.Itoa(n))
	}
	if len(v) == 0 {
		return p.Path
	}
	return p.Path + "?" + v.Encode()
}

// Prev and Next are the neighbouring pages' links, "" at the ends.
func (p pager) Prev() string {
	if p.Page <= 1 {
		return ""
	}
	return p.link(p.Page - 1)
}

func (p pager) Next() string {
	if p.Page >= p.Pages {
		return ""
	}
	return p.link(p.Page + 1)
}

// Here is this page's own link, for forms to come back to.
func (p pager) Here() string { return p.link(p.Page) }

// First and Last number the rows shown.
func (p pager) First() int {
	if p.Total == 0 {
		return 0
	}
	return (p.Page-1)*perPage + 1
}

func (p pager) Last() int { return min(p.Total, p.Page*perPage) }
