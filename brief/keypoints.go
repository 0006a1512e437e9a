package brief

// keyPoints picks up to max sentences that carry the story, in the order
// they appear. A first version: the lead body sentences.
func keyPoints(d *doc, max int) []string {
	var out []string
	for _, s := range d.sents {
		if s.kind != body {
			continue
		}
		out = append(out, s.text)
		if len(out) == max {
			break
		}
	}
	return out
}
