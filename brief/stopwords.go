package brief

import "strings"

// stopwordList are the words too common to tell one sentence, or one
// story, from another.
const stopwordList = `a about above after again against all also am an and any are as at be because been before being
	below between both but by can could did do does doing down during each few for from further had
	has have having he her here hers herself him himself his how i if in into is it its itself just
	me more most my myself no nor not now of off on once only or other our ours ourselves out over
	own said same says she should so some such than that the their theirs them themselves then
	there these they this those through to too under until up very was we were what when where
	which while who whom why will with would you your yours s t don ve ll re d m one two new year
	years told last first time like get got made make may might must per since still well back even
	us mr mrs ms`

// stopwords are left out of the content words that measure how central
// and how repetitive a key point is.
var stopwords = setOf(strings.Fields(stopwordList + `
	yourself yourselves didn doesn isn wasn weren won wouldn couldn shouldn`)...)

// digestStopwords carry no event: left out of the digest's vectors. The
// digest keeps contractions whole ("it's").
var digestStopwords = setOf(strings.Fields(stopwordList + `
	it's he's she's i'm can't won't said,`)...)
