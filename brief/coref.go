package brief

// Coreference: which person a surname, a pronoun or a role noun refers to.

import (
	"slices"
	"strings"
)

// matchPart returns the people whose surname or first name is n.
func matchPart(people []*person, n string) []*person {
	var out []*person
	for _, p := range people {
		fs := strings.Fields(p.name)
		if len(fs) < 2 {
			continue
		}
		if fs[len(fs)-1] == n || fs[0] == n {
			out = append(out, p)
		}
	}
	// A surname match beats a first-name match.
	var sur []*person
	for _, p := range out {
		fs := strings.Fields(p.name)
		if fs[len(fs)-1] == n {
			sur = append(sur, p)
		}
	}
	if len(sur) > 0 {
		return sur
	}
	return out
}

// pick chooses among people sharing a surname: the one named in full most
// often before at, the most recent on a tie, else the one named first.
func (c *cast) pick(ps []*person, at int) *person {
	switch len(ps) {
	case 0:
		return nil
	case 1:
		return ps[0]
	}
	full := map[*person]int{}
	last := map[*person]int{}
	for _, m := range c.mentions {
		if m.start >= at {
			break
		}
		if slices.Contains(ps, m.p) && strings.Contains(m.p.name, " ") && m.end-m.start >= len(m.p.name) {
			full[m.p]++
			last[m.p] = m.start
		}
	}
	var best *person
	for _, p := range ps {
		switch {
		case best == nil:
			best = p
		case full[p] > full[best], full[p] == full[best] && last[p] > last[best]:
			best = p
		case full[p] == full[best] && last[p] == last[best] && p.first < best.first:
			best = p
		}
	}
	return best
}

// guessGender fills in the gender of people no title gave one to, from
// the pronoun that opens the next sentence after they lead one.
func (c *cast) guessGender(d *doc) {
	votes := map[*person][2]int{}
	for si := range d.sents {
		ms := c.in(&d.sents[si])
		if len(ms) == 0 || si+1 >= len(d.sents) {
			continue
		}
		next := d.sents[si+1].words
		if len(c.in(&d.sents[si+1])) > 0 && len(next) > 0 && next[0] != "he" && next[0] != "she" {
			continue
		}
		for i, w := range next {
			if i > 6 {
				break
			}
			v := votes[ms[0].p]
			if w == "he" || w == "his" {
				v[0]++
			} else if w == "she" || w == "her" {
				v[1]++
			} else {
				continue
			}
			votes[ms[0].p] = v
			break
		}
	}
	for _, p := range c.people {
		if p.gender != 0 {
			continue
		}
		if given, _, ok := strings.Cut(p.name, " "); ok && givenGenders[given] != 0 {
			// A known given name says more than the pronouns near the
			// name, which may stand for someone else.
			p.gender = givenGenders[given]
			continue
		}
		v := votes[p]
		switch {
		case v[0] > v[1]:
			p.gender = 'm'
		case v[1] > v[0]:
			p.gender = 'f'
		}
	}
}

// lookup returns the person a name refers to: the full name, an alias, a
// surname or a first name; nil if none. Among people sharing a surname it
// prefers the most mentioned.
func (c *cast) lookup(name string) *person {
	if c == nil {
		return nil
	}
	name = strings.TrimSpace(name)
	if name == "" {
		return nil
	}
	for _, p := range c.people {
		if p.name == name || slices.Contains(p.aliases, name) {
			return p
		}
	}
	toks := tokenize(name, 0, len(name))
	if len(toks) == 0 {
		return nil
	}
	ch := chunk{toks: toks}
	ch.splitTitle()
	n := ch.name()
	for _, p := range c.people {
		if p.name == n {
			return p
		}
	}
	last := stripPossessive(toks[len(toks)-1].text)
	ps := matchPart(c.people, last)
	if len(ps) == 0 {
		ps = matchPart(c.people, n)
	}
	var best *person
	for _, p := range ps {
		if best == nil || p.count > best.count {
			best = p
		}
	}
	return best
}

// resolve returns the person expr refers to in sentence sentIdx: a
// pronoun ("he"), a role ("the minister") or a name ("Wang"); nil if none.
// A pronoun goes to the first person named earlier in its sentence, else
// to the person leading the nearest sentence before that names someone.
func (c *cast) resolve(d *doc, sentIdx int, expr string) *person {
	if c == nil || sentIdx < 0 || sentIdx >= len(d.sents) {
		return nil
	}
	e := strings.TrimSpace(expr)
	le := strings.ToLower(e)
	s := &d.sents[sentIdx]
	at := s.end
	if k := indexWord(s.text, e); k >= 0 {
		at = s.start + k
	}
	if g, ok := pronounGender[le]; ok {
		return c.byPronoun(d, sentIdx, at, g)
	}
	ws := strings.Fields(le)
	if len(ws) >= 2 && (ws[0] == "the" || ws[0] == "this" || ws[0] == "that") {
		return c.byRole(d, sentIdx, at, ws[len(ws)-1])
	}
	if p := c.lookupNear(e, at); p != nil {
		return p
	}
	return nil
}

// lookupNear is lookup that, among people sharing a surname, prefers the
// one named in full most recently before at.
func (c *cast) lookupNear(name string, at int) *person {
	p := c.lookup(name)
	if p == nil {
		return nil
	}
	fs := strings.Fields(p.name)
	if len(fs) < 2 {
		return p
	}
	toks := tokenize(name, 0, len(name))
	if len(toks) != 1 && !(len(toks) == 2 && honorifics[key(toks[0].text)] != 0) {
		return p
	}
	ps := matchPart(c.people, stripPossessive(toks[len(toks)-1].text))
	if len(ps) < 2 {
		return p
	}
	surname := len(stripPossessive(toks[len(toks)-1].text))
	best := c.lastMentionBefore(at, func(m mention) bool {
		return slices.Contains(ps, m.p) && m.end-m.start > surname
	})
	if best != nil {
		return best
	}
	return p
}

// lastMentionBefore returns the person of the last mention that starts
// before at and fits; nil when none does.
func (c *cast) lastMentionBefore(at int, fits func(mention) bool) *person {
	var best *person
	for _, m := range c.mentions {
		if m.start >= at {
			break
		}
		if fits(m) {
			best = m.p
		}
	}
	return best
}

func (c *cast) byPronoun(d *doc, sentIdx, at int, g byte) *person {
	fits := func(p *person) bool { return p.gender == 0 || p.gender == g }
	for _, m := range c.in(&d.sents[sentIdx]) {
		if m.start >= at {
			break
		}
		if fits(m.p) {
			return m.p
		}
	}
	for si := sentIdx - 1; si >= 0 && si >= sentIdx-8; si-- {
		for _, m := range c.in(&d.sents[si]) {
			if fits(m.p) {
				return m.p
			}
		}
	}
	return nil
}

func (c *cast) byRole(d *doc, sentIdx, at int, noun string) *person {
	best := c.lastMentionBefore(at, func(m mention) bool { return hasWord(m.p.role, noun) })
	if best != nil {
		return best
	}
	for _, p := range c.people {
		if hasWord(p.role, noun) {
			return p
		}
	}
	return nil
}
