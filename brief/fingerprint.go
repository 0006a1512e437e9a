package brief

import (
	"encoding/hex"
	"hash/fnv"
)

// Fingerprint identifies an article's content: the same words in the same
// order give the same fingerprint whatever the URL, GUID, date, case or
// punctuation. It reads the text, or the title when there is no text.
func Fingerprint(a Article) string {
	src := a.Text
	if len(words(src)) < 8 {
		src = a.Title + " " + a.Text
	}
	ws := words(src)
	if len(ws) == 0 {
		return ""
	}
	h := fnv.New64a()
	for _, w := range ws {
		h.Write([]byte(w))
		h.Write([]byte{' '})
	}
	return hex.EncodeToString(h.Sum(nil))
}
