// Package rouge scores a predicted summary against a reference with ROUGE,
// giving the same numbers as Google's rouge-score Python package, the
// implementation papers report with. It is pure computation: it touches no
// files, network, clock or shared state, so any number of goroutines may call
// it at once.
//
// Scores are computed on tokens: the text is lower-cased, every character
// outside [a-z0-9] becomes a separator, and, when stemming is asked for,
// tokens longer than three characters are reduced by the Porter stemmer in
// the variant rouge-score uses (NLTK's).
package rouge

import (
	"slices"
	"unicode"
	"unicode/utf8"
)

// Score is one ROUGE measurement: precision P, recall R and their harmonic
// mean F, each between 0 and 1.
type Score struct{ P, R, F float64 }

// score builds a Score from a count of matches and the sizes of the
// prediction and the reference, treating an empty side as zero matches.
func score(hits, predN, refN int) Score {
	if hits == 0 || predN == 0 || refN == 0 {
		return Score{}
	}
	p := float64(hits) / float64(predN)
	r := float64(hits) / float64(refN)
	return Score{P: p, R: r, F: 2 * p * r / (p + r)}
}

// Tokenize splits s the way rouge-score does: lower-case, every character
// outside [a-z0-9] is a separator, and with stem set, tokens longer than
// three characters are Porter-stemmed.
func Tokenize(s string, stem bool) []string {
	toks, _ := tokenize(s, stem, false)
	return toks
}

// tokenize is Tokenize that, with lines set, also reports where each
// newline-separated sentence ends: ends[i] is the number of tokens up to the
// end of sentence i. Sentences without tokens are left out; rouge-score keeps
// them but they can change no score.
func tokenize(s string, stem, lines bool) (toks []string, ends []int) {
	buf := make([]byte, 0, len(s)+1)
	n := 0 // tokens, counted to allocate toks once
	word := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			case c == '\n' && lines:
			default:
				c = ' '
			}
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			i += size
			// Python's str.lower maps a few non-ASCII letters into [a-z]:
			// the Kelvin sign to k, and dotted capital I to i plus a
			// combining dot, which then separates the i from what follows.
			if l := unicode.ToLower(r); 'a' <= l && l <= 'z' {
				c = byte(l)
				if r == 'İ' {
					if !word {
						n++
					}
					buf = append(buf, c)
					word = true
					c = ' '
				}
			} else {
				c = ' '
			}
		}
		alnum := c != ' ' && c != '\n'
		if alnum && !word {
			n++
		}
		word = alnum
		buf = append(buf, c)
	}
	if n == 0 {
		return nil, nil
	}
	text := string(buf)
	toks = make([]string, 0, n)
	for i := 0; i < len(text); {
		switch text[i] {
		case '\n':
			if len(toks) > 0 && (len(ends) == 0 || ends[len(ends)-1] < len(toks)) {
				ends = append(ends, len(toks))
			}
			i++
			continue
		case ' ':
			i++
			continue
		}
		j := i + 1
		for j < len(text) && text[j] != ' ' && text[j] != '\n' {
			j++
		}
		tok := text[i:j]
		if stem && len(tok) > 3 {
			tok = porterStem(tok)
		}
		toks = append(toks, tok)
		i = j
	}
	if lines && len(toks) > 0 && (len(ends) == 0 || ends[len(ends)-1] < len(toks)) {
		ends = append(ends, len(toks))
	}
	return toks, ends
}

// N returns ROUGE-N of pred against ref: the overlap of their n-grams, each
// n-gram counted at most as often as it occurs on both sides. n below 1
// gives a zero Score.
func N(ref, pred string, n int, stem bool) Score {
	if n < 1 {
		return Score{}
	}
	r, p := Tokenize(ref, stem), Tokenize(pred, stem)
	refN, predN := max(len(r)-n+1, 0), max(len(p)-n+1, 0)
	if refN == 0 || predN == 0 {
		return Score{}
	}
	ri, pi, k := intern(r, p)
	if n == 1 {
		counts := make([]int32, k)
		for _, id := range ri {
			counts[id]++
		}
		hits := 0
		for _, id := range pi {
			if counts[id] > 0 {
				counts[id]--
				hits++
			}
		}
		return score(hits, predN, refN)
	}
	// Sorting the n-grams of both sides and merging them counts the clipped
	// overlap without building a map per call.
	rg, pg := ngrams(ri, n), ngrams(pi, n)
	hits := 0
	for i, j := 0, 0; i < len(rg) && j < len(pg); {
		switch c := slices.Compare(rg[i], pg[j]); {
		case c < 0:
			i++
		case c > 0:
			j++
		default:
			hits++
			i++
			j++
		}
	}
	return score(hits, predN, refN)
}

// ngrams returns the n-grams of ids as sub-slices, sorted.
func ngrams(ids []int32, n int) [][]int32 {
	g := make([][]int32, 0, len(ids)-n+1)
	for i := 0; i+n <= len(ids); i++ {
		g = append(g, ids[i:i+n])
	}
	slices.SortFunc(g, slices.Compare)
	return g
}

// L returns ROUGE-L of pred against ref: their longest common subsequence
// of tokens, over each text taken as one sequence.
func L(ref, pred string, stem bool) Score {
	r, p := Tokenize(ref, stem), Tokenize(pred, stem)
	if len(r) == 0 || len(p) == 0 {
		return Score{}
	}
	ri, pi, _ := intern(r, p)
	return score(lcsLen(ri, pi), len(p), len(r))
}

// lcsLen returns the length of the longest common subsequence of a and b
// in O(len(a)*len(b)) time and O(len(b)) space.
func lcsLen(a, b []int32) int {
	prev := make([]int32, len(b)+1)
	cur := make([]int32, len(b)+1)
	for _, x := range a {
		for j, y := range b {
			switch {
			case x == y:
				cur[j+1] = prev[j] + 1
			case prev[j+1] >= cur[j]:
				cur[j+1] = prev[j+1]
			default:
				cur[j+1] = cur[j]
			}
		}
		prev, cur = cur, prev
	}
	return int(prev[len(b)])
}

// Lsum returns ROUGE-Lsum of pred against ref, the summary-level ROUGE-L
// of the ROUGE paper as rouge-score computes it: each text is split into
// sentences at newlines; for every reference sentence the union of its
// longest common subsequences with the predicted sentences counts as hits,
// and no token is counted more often than it occurs in either text.
func Lsum(ref, pred string, stem bool) Score {
	r, rEnds := tokenize(ref, stem, true)
	p, pEnds := tokenize(pred, stem, true)
	if len(r) == 0 || len(p) == 0 {
		return Score{}
	}
	ri, pi, k := intern(r, p)
	counts := make([]int32, 2*k) // reference counts, then prediction counts
	refCount, predCount := counts[:k], counts[k:]
	for _, id := range ri {
		refCount[id]++
	}
	for _, id := range pi {
		predCount[id]++
	}
	refSents, predSents := split(ri, rEnds), split(pi, pEnds)
	longestRef, longestPred := 0, 0
	for _, s := range refSents {
		longestRef = max(longestRef, len(s))
	}
	for _, s := range predSents {
		longestPred = max(longestPred, len(s))
	}
	table := make([]int32, (longestRef+1)*(longestPred+1))
	inUnion := make([]bool, longestRef)
	hits := 0
	for _, rs := range refSents {
		marks := inUnion[:len(rs)]
		clear(marks)
		for _, ps := range predSents {
			markLCS(table, rs, ps, marks)
		}
		for i, in := range marks {
			if id := rs[i]; in && predCount[id] > 0 && refCount[id] > 0 {
				hits++
				predCount[id]--
				refCount[id]--
			}
		}
	}
	return score(hits, len(p), len(r))
}

// split cuts ids into sentences ending at ends.
func split(ids []int32, ends []int) [][]int32 {
	out := make([][]int32, len(ends))
	start := 0
	for i, end := range ends {
		out[i] = ids[start:end:end]
		start = end
	}
	return out
}

// markLCS finds one longest common subsequence of ref and can and marks its
// positions in ref. It backtracks exactly as rouge-score does, since which of
// several longest subsequences is chosen changes the union. table must hold
// at least (len(ref)+1)*(len(can)+1) cells.
func markLCS(table []int32, ref, can []int32, marks []bool) {
	w := len(can) + 1
	clear(table[:w])
	for i := 1; i <= len(ref); i++ {
		row, up := table[i*w:(i+1)*w], table[(i-1)*w:i*w]
		row[0] = 0
		x := ref[i-1]
		for j := 1; j < w; j++ {
			switch {
			case x == can[j-1]:
				row[j] = up[j-1] + 1
			case up[j] >= row[j-1]:
				row[j] = up[j]
			default:
				row[j] = row[j-1]
			}
		}
	}
	for i, j := len(ref), len(can); i > 0 && j > 0; {
		switch {
		case ref[i-1] == can[j-1]:
			marks[i-1] = true
			i--
			j--
		case table[i*w+j-1] > table[(i-1)*w+j]:
			j--
		default:
			i--
		}
	}
}

// intern maps the tokens of a and b to small integers, equal tokens to
// equal integers, and returns how many distinct tokens there are. It uses
// an open-addressing table in one slice, cheaper than a map per call.
func intern(a, b []string) (ai, bi []int32, k int) {
	n := len(a) + len(b)
	size := 16
	for size < 2*n {
		size <<= 1
	}
	slots := make([]int32, size) // 0 empty, else id+1
	names := make([]string, 0, n)
	ids := make([]int32, n)
	for i := range n {
		var tok string
		if i < len(a) {
			tok = a[i]
		} else {
			tok = b[i-len(a)]
		}
		h := uint32(2166136261) // FNV-1a
		for j := 0; j < len(tok); j++ {
			h = (h ^ uint32(tok[j])) * 16777619
		}
		for s := int(h) & (size - 1); ; s = (s + 1) & (size - 1) {
			if slots[s] == 0 {
				names = append(names, tok)
				slots[s] = int32(len(names))
				ids[i] = int32(len(names) - 1)
				break
			}
			if id := slots[s] - 1; names[id] == tok {
				ids[i] = id
				break
			}
		}
	}
	return ids[:len(a):len(a)], ids[len(a):], len(names)
}
