package bot

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/newsbrief/newsbrief/brief"
)

// The outbox stores each Message as a payload of its own, versioned and
// apart from the JSON schema brief publishes for scripts: that schema may
// change for its readers, and the outbox must still read the rows written
// before, and keep every field (a brief's Published time, which the public
// schema writes to the second and never reads back).
//
// Version 1 is the format before payloads had a version: json.Marshal of
// the Message, a brief inside in the public schema. It is still read.
const payloadVersion = 2

// errNewerPayload is a payload written by a newer build: it is left for an
// instance that can read it.
var errNewerPayload = errors.New("message written by a newer version of newsbrief")

type payload struct {
	Version   int            `json:"v"`
	Text      string         `json:"text,omitempty"`
	Digest    *digestPayload `json:"digest,omitempty"`
	Brief     *briefPayload  `json:"brief,omitempty"`
	Heading   string         `json:"heading,omitempty"`
	Ephemeral bool           `json:"ephemeral,omitempty"`
	User      string         `json:"user,omitempty"`
}

type digestPayload struct {
	Stories  []storyPayload `json:"stories"`
	Articles int            `json:"articles"`
	Skipped  int            `json:"skipped"`
}

type storyPayload struct {
	Headline string          `json:"headline"`
	Brief    briefPayload    `json:"brief"`
	Sources  []sourcePayload `json:"sources"`
	Score    float64         `json:"score"`
}

// sourcePayload has brief.StorySource's fields, in its order.
type sourcePayload struct {
	Name      string    `json:"name"`
	Title     string    `json:"title"`
	URL       string    `json:"url"`
	Published time.Time `json:"published"`
	ArticleID string    `json:"article_id"`
}

type briefPayload struct {
	ID        string           `json:"id"`
	Title     string           `json:"title"`
	URL       string           `json:"url"`
	Published time.Time        `json:"published"`
	Language  string           `json:"language"`
	Meetings  []meetingPayload `json:"meetings"`
	Quotes    []quotePayload   `json:"quotes"`
	KeyPoints []string         `json:"key_points"`
}

type meetingPayload struct {
	Participants []personPayload `json:"participants"`
	Place        string          `json:"place"`
	When         string          `json:"when"`
	Sentence     string          `json:"sentence"`
}

// personPayload has brief.Person's fields, in its order.
type personPayload struct {
	Name string `json:"name"`
	Role string `json:"role"`
}

// quotePayload has brief.Quote's fields, in its order.
type quotePayload struct {
	Speaker     string `json:"speaker"`
	SpeakerRole string `json:"speaker_role"`
	Text        string `json:"text"`
	Sentence    string `json:"sentence"`
}

// encodePayload returns m as the outbox stores it. The chat is not in it:
// the delivery row names it.
func encodePayload(m Message) ([]byte, error) {
	p := payload{Version: payloadVersion, Text: m.Text, Heading: m.Heading, Ephemeral: m.Ephemeral, User: m.User}
	if m.Brief != nil {
		b := toBriefPayload(*m.Brief)
		p.Brief = &b
	}
	if d := m.Digest; d != nil {
		p.Digest = &digestPayload{Articles: d.Articles, Skipped: d.Skipped, Stories: mapSlice(d.Stories, func(s brief.Story) storyPayload {
			return storyPayload{Headline: s.Headline, Brief: toBriefPayload(s.Brief), Score: s.Score,
				Sources: mapSlice(s.Sources, func(s brief.StorySource) sourcePayload { return sourcePayload(s) })}
		})}
	}
	return json.Marshal(p)
}

// decodePayload reads a payload of any version this build knows, without
// its chat.
func decodePayload(data []byte) (Message, error) {
	var v struct {
		Version int `json:"v"`
	}
	if err := json.Unmarshal(data, &v); err != nil {
		return Message{}, err
	}
	switch {
	case v.Version == 0: // version 1 had no version field
		var m Message
		err := json.Unmarshal(data, &m)
		m.Chat = ChatRef{}
		return m, err
	case v.Version > payloadVersion:
		return Message{}, fmt.Errorf("%w (payload version %d)", errNewerPayload, v.Version)
	}
	var p payload
	if err := json.Unmarshal(data, &p); err != nil {
		return Message{}, err
	}
	m := Message{Text: p.Text, Heading: p.Heading, Ephemeral: p.Ephemeral, User: p.User}
	if p.Brief != nil {
		b := fromBriefPayload(*p.Brief)
		m.Brief = &b
	}
	if d := p.Digest; d != nil {
		m.Digest = &brief.Digest{Articles: d.Articles, Skipped: d.Skipped, Stories: mapSlice(d.Stories, func(s storyPayload) brief.Story {
			return brief.Story{Headline: s.Headline, Brief: fromBriefPayload(s.Brief), Score: s.Score,
				Sources: mapSlice(s.Sources, func(s sourcePayload) brief.StorySource { return brief.StorySource(s) })}
		})}
	}
	return m, nil
}

func toBriefPayload(b brief.Brief) briefPayload {
	return briefPayload{ID: b.ID, Title: b.Title, URL: b.URL, Published: b.Published, Language: b.Language, KeyPoints: b.KeyPoints,
		Quotes: mapSlice(b.Quotes, func(q brief.Quote) quotePayload { return quotePayload(q) }),
		Meetings: mapSlice(b.Meetings, func(m brief.Meeting) meetingPayload {
			return meetingPayload{Place: m.Place, When: m.When, Sentence: m.Sentence,
				Participants: mapSlice(m.Participants, func(p brief.Person) personPayload { return personPayload(p) })}
		}),
	}
}

func fromBriefPayload(b briefPayload) brief.Brief {
	return brief.Brief{ID: b.ID, Title: b.Title, URL: b.URL, Published: b.Published, Language: b.Language, KeyPoints: b.KeyPoints,
		Quotes: mapSlice(b.Quotes, func(q quotePayload) brief.Quote { return brief.Quote(q) }),
		Meetings: mapSlice(b.Meetings, func(m meetingPayload) brief.Meeting {
			return brief.Meeting{Place: m.Place, When: m.When, Sentence: m.Sentence,
				Participants: mapSlice(m.Participants, func(p personPayload) brief.Person { return brief.Person(p) })}
		}),
	}
}

// mapSlice applies f to each element of s; nil stays nil, so that a
// message reads back as it was written.
func mapSlice[T, U any](s []T, f func(T) U) []U {
	if s == nil {
		return nil
	}
	out := make([]U, len(s))
	for i, v := range s {
		out[i] = f(v)
	}
	return out
}
