package brief

import (
	"sync"

	"github.com/jdkato/prose/v2"
)

// proseModel is prose's tagger and entity model, read from its embedded
// data once per process (about 40 MB; building it costs ~200 ms). After
// loading it is only read, so every goroutine may share it.
var proseModel = sync.OnceValue(func() *prose.Model {
	d, err := prose.NewDocument("", prose.WithSegmentation(false))
	if err != nil {
		panic("brief: load prose model: " + err.Error()) // embedded data; cannot fail at run time
	}
	return d.Model
})

// tag returns the tokens of one sentence with part-of-speech tags, and with
// IOB entity labels when entities is set. Call it on the few sentences that
// need it: tagging costs about 0.4 ms a sentence and entities four times more.
func tag(text string, entities bool) []prose.Token {
	d, err := prose.NewDocument(text,
		prose.UsingModel(proseModel()),
		prose.WithSegmentation(false),
		prose.WithExtraction(entities))
	if err != nil {
		return nil
	}
	return d.Tokens()
}

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
