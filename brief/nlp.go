package brief

// Sentences splits text into sentences, paragraphs first, the way briefs
// see it. It is exported for evaluations and for the digest.
func Sentences(text string) []string {
	d := parse(Article{Text: text})
	out := make([]string, len(d.sents))
	for i, s := range d.sents {
		out[i] = s.text
	}
	return out
}
