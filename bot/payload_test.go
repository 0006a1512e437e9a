package bot

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsbrief/newsbrief/brief"
)

// fullBrief sets every field of a Brief, with a time the public schema
// would cut to the second, in a zone other than UTC.
func fullBrief(id string) brief.Brief {
	pub := time.Date(2025, 6, 2, 9, 30, 15, 123456789, time.FixedZone("CEST", 2*3600))
	return brief.Brief{ID: id, Title: "Talks in Geneva", URL: "https://news.example/" + id, Published: pub, Language: "en",
		Meetings: []brief.Meeting{{Participants: []brief.Person{{Name: "Ana Ruiz", Role: "minister"}},
			Place: "Geneva", When: "Monday", Sentence: "Ruiz met her counterpart in Geneva on Monday."}},
		Quotes: []brief.Quote{{Speaker: "Ana Ruiz", SpeakerRole: "minister", Text: "We made progress",
			Sentence: `"We made progress," Ruiz said.`}},
		KeyPoints: []string{"Talks resumed."}}
}

// fullMessage sets every field a payload carries (all but Chat, which the
// delivery row holds).
func fullMessage() Message {
	b := fullBrief("a1")
	return Message{Text: "hello", Heading: "Daily brief, Mon 2 June 2025: geneva", Ephemeral: true, User: "u7", Brief: &b,
		Digest: &brief.Digest{Articles: 3, Skipped: 1, Stories: []brief.Story{{Headline: "Talks in Geneva", Brief: fullBrief("a2"), Score: 2.5,
			Sources: []brief.StorySource{{Name: "News", Title: "Talks in Geneva", URL: "https://news.example/a2",
				Published: time.Date(2025, 6, 2, 7, 0, 0, 1, time.UTC), ArticleID: "a2"}}}}}}
}

// zeroFields lists the fields of v, followed through pointers, slices and
// structs, that hold their zero value, so that a field added to Message
// or to a brief type must be added to fullMessage (and so to the payload)
// before the round trip passes.
func zeroFields(v reflect.Value, path string, skip map[string]bool) []string {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return []string{path}
		}
		return zeroFields(v.Elem(), path, skip)
	case reflect.Slice:
		if v.Len() == 0 {
			return []string{path}
		}
		return zeroFields(v.Index(0), path+"[0]", skip)
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			if v.Interface().(time.Time).IsZero() {
				return []string{path}
			}
			return nil
		}
		var out []string
		for i := range v.NumField() {
			name := path + "." + v.Type().Field(i).Name
			if !skip[name] {
				out = append(out, zeroFields(v.Field(i), name, skip)...)
			}
		}
		return out
	}
	if v.IsZero() {
		return []string{path}
	}
	return nil
}

func TestPayloadRoundTrip(t *testing.T) {
	want := fullMessage()
	if zero := zeroFields(reflect.ValueOf(want), "Message", map[string]bool{"Message.Chat": true}); len(zero) > 0 {
		t.Fatalf("fullMessage leaves %v unset: set every field, and carry it in the payload", zero)
	}
	got := roundTrip(t, want)
	if !got.Brief.Published.Equal(want.Brief.Published) {
		t.Errorf("Brief.Published = %v after the round trip, want %v", got.Brief.Published, want.Brief.Published)
	}
}

// TestPayloadKeepsNilAndEmpty: renderers tell a missing list from an
// empty one no more than the public schema does, but a message must read
// back as it was written.
func TestPayloadKeepsNilAndEmpty(t *testing.T) {
	for _, want := range []Message{
		{Text: "A quiet day: nothing new on any topic."},
		{Brief: &brief.Brief{Title: "Bare", KeyPoints: []string{}}},
		{Digest: &brief.Digest{}},
		{Digest: &brief.Digest{Stories: []brief.Story{{Headline: "No sources", Sources: []brief.StorySource{}}}}},
	} {
		roundTrip(t, want)
	}
}

// roundTrip encodes m and decodes it again, fails unless that gives m
// back, and returns what it read.
func roundTrip(t *testing.T, m Message) Message {
	t.Helper()
	data, err := encodePayload(m)
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodePayload(data)
	if err != nil {
		t.Fatalf("decodePayload(%s): %v", data, err)
	}
	if diff := cmp.Diff(m, got); diff != "" {
		t.Errorf("payload round trip of %s (-want +got):\n%s", data, diff)
	}
	return got
}

// oldPayload is a row as the outbox wrote it before payloads had a
// version: json.Marshal of the Message, written by that code for
// fullMessage with Published on the second.
const oldPayload = `{"Chat":{"Platform":"telegram","ID":"42","Thread":""},"Text":"hello","Digest":{"Stories":[{"Headline":"Talks in Geneva","Brief":{"id":"a1","title":"Talks in Geneva","url":"https://news.example/a1","published":"2025-06-02T07:30:00Z","language":"en","meetings":[{"participants":[{"name":"Ana Ruiz","role":"minister"}],"place":"Geneva","when":"Monday","sentence":"Ruiz met her counterpart in Geneva on Monday."}],"quotes":[{"speaker":"Ana Ruiz","speaker_role":"minister","text":"We made progress","sentence":"\"We made progress,\" Ruiz said."}],"key_points":["Talks resumed."]},"Sources":[{"Name":"News","Title":"Talks in Geneva","URL":"https://news.example/a1","Published":"2025-06-02T07:30:00Z","ArticleID":"a1"}],"Score":2.5}],"Articles":3,"Skipped":1},"Brief":{"id":"a1","title":"Talks in Geneva","url":"https://news.example/a1","published":"2025-06-02T07:30:00Z","language":"en","meetings":[{"participants":[{"name":"Ana Ruiz","role":"minister"}],"place":"Geneva","when":"Monday","sentence":"Ruiz met her counterpart in Geneva on Monday."}],"quotes":[{"speaker":"Ana Ruiz","speaker_role":"minister","text":"We made progress","sentence":"\"We made progress,\" Ruiz said."}],"key_points":["Talks resumed."]},"Heading":"Daily brief","Ephemeral":true,"User":"u7"}`

func TestPayloadReadsOldRows(t *testing.T) {
	got, err := decodePayload([]byte(oldPayload))
	if err != nil {
		t.Fatalf("decodePayload(old row): %v", err)
	}
	// The old format never read a brief's Published back.
	b := fullBrief("a1")
	b.Published = time.Time{}
	want := Message{Text: "hello", Heading: "Daily brief", Ephemeral: true, User: "u7", Brief: &b,
		Digest: &brief.Digest{Articles: 3, Skipped: 1, Stories: []brief.Story{{Headline: "Talks in Geneva", Brief: b, Score: 2.5,
			Sources: []brief.StorySource{{Name: "News", Title: "Talks in Geneva", URL: "https://news.example/a1",
				Published: time.Date(2025, 6, 2, 7, 30, 0, 0, time.UTC), ArticleID: "a1"}}}}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("old row read as (-want +got):\n%s", diff)
	}
}

func TestPayloadRefusesWhatItCannotRead(t *testing.T) {
	for _, tt := range []struct {
		name  string
		data  string
		newer bool
	}{
		{"newer version", `{"v":99,"text":"from the future"}`, true},
		{"not JSON", `{"Text":`, false},
		{"wrong type", `{"v":2,"text":42}`, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := decodePayload([]byte(tt.data))
			if err == nil || errors.Is(err, errNewerPayload) != tt.newer {
				t.Errorf("decodePayload(%s) = %v, want an error (newer version: %v)", tt.data, err, tt.newer)
			}
		})
	}
}
