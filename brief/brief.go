// Package brief turns news articles into short briefs: who met whom, who
// said what, and the key points. It is pure: values in, values out, with no
// network, files, clock or randomness; the NLP model is loaded once per
// process and only read afterwards.
package brief

import "time"

// Article is one news story as the sources deliver it.
type Article struct {
	ID        string
	URL       string
	Title     string
	Text      string // plain text; paragraphs separated by newlines
	Published time.Time
	Source    string
}

// Brief is what a reader gets for one article, in the order a reader wants
// it: meetings first, then quotes, then the key points.
type Brief struct {
	ID        string    `json:"id,omitempty"`
	Title     string    `json:"title"`
	URL       string    `json:"url"`
	Published time.Time `json:"-"`
	Language  string    `json:"language"` // ISO 639-1 code of the detected language, "" if none
	Meetings  []Meeting `json:"meetings"`
	Quotes    []Quote   `json:"quotes"`
	KeyPoints []string  `json:"key_points"`
}

// Meeting is one encounter the article reports: talks, a summit, a visit,
// a call.
type Meeting struct {
	Participants []Person `json:"participants"`
	Place        string   `json:"place"`
	When         string   `json:"when"`
	Sentence     string   `json:"sentence"`
}

// Person is someone named in an article, with the role the article gives.
type Person struct {
	Name string `json:"name"`
	Role string `json:"role"`
}

// Quote is a direct quotation with its speaker resolved to a full name,
// and the speaker's role apart. Speaker is empty when the article names
// nobody the model is sure of: renderers show such a quote unattributed.
type Quote struct {
	Speaker     string `json:"speaker"`
	SpeakerRole string `json:"speaker_role"`
	Text        string `json:"text"`
	Sentence    string `json:"sentence"`
}
