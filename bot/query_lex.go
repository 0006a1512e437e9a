package bot

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one lexical element of a query.
type token struct {
	words   term
	not     bool
	or, and bool
	src     string // as typed, for error messages
}

// lexQuery splits a query into terms and operators. Terms with nothing to
// match (a lone "-", "&", an empty phrase) are dropped.
func lexQuery(s string) ([]token, error) {
	var toks []token
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		start := i
		not := false
		if r == '-' {
			not = true
			i += size
			if i >= len(s) {
				break
			}
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		var text string
		if isQuote(r) {
			i += size
			end := strings.IndexFunc(s[i:], isQuote)
			if end < 0 {
				return nil, queryErrorf("unbalanced quote: close the phrase %s with a \"", Clip(s[start:], 31))
			}
			text = s[i : i+end]
			_, qsize := utf8.DecodeRuneInString(s[i+end:])
			i += end + qsize
		} else {
			end := strings.IndexFunc(s[i:], func(r rune) bool { return unicode.IsSpace(r) || isQuote(r) })
			if end < 0 {
				end = len(s) - i
			}
			text = s[i : i+end]
			i += end
			if !not {
				switch text {
				case "OR", "|":
					toks = append(toks, token{or: true, src: text})
					continue
				case "AND", "&&":
					toks = append(toks, token{and: true, src: text})
					continue
				}
			}
		}
		words := appendWords(nil, text, false)
		if len(words) == 0 {
			continue
		}
		toks = append(toks, token{words: words, not: not, src: s[start:i]})
	}
	return toks, nil
}

// isQuote reports whether r opens or closes a phrase: straight, curly and
// low double quotes, whichever way round a keyboard or phone puts them.
func isQuote(r rune) bool {
	switch r {
	case '"', '\u201c', '\u201d', '\u201e', '\u201f', '\u00ab', '\u00bb':
		return true
	}
	return false
}
