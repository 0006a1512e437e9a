package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/newsbrief/newsbrief/brief"
)

// What the operator's console previews, and the chat commands share: the
// brief of a URL or of pasted text, and a chat's daily brief as it would
// read now. Each returns the Message an adapter would render, and sends
// and stores nothing.

// Caps on pasted text, in characters: a page fetched from a URL keeps no
// more (sources.MaxTitle, sources.MaxText), so pasting is no way round
// them.
const (
	MaxPastedTitle = 300
	MaxPastedText  = 100_000
)

// InputError is why a brief could not be made of what a person gave: a
// link the guard refuses or a page that cannot be read, text that is
// empty or too long. Its message is a sentence for that person; Err, if
// set, is the cause (a *sources.BlockedError for a refused link).
type InputError struct {
	Msg string
	Err error
}

func (e *InputError) Error() string { return e.Msg }
func (e *InputError) Unwrap() error { return e.Err }

// BriefURL returns the brief of the article at url, fetched through
// Options.Pages and so through its guard, as /summary <url> does. The
// errors a person can act on are *InputError.
func (b *Bot) BriefURL(ctx context.Context, url string) (Message, error) {
	if b.opts.Pages == nil {
		return Message{}, &InputError{Msg: "Briefing links is turned off on this bot."}
	}
	a, err := b.opts.Pages.FetchArticle(ctx, url)
	if err != nil {
		return Message{}, &InputError{Msg: "Could not read that page: " + err.Error(), Err: err}
	}
	return b.briefOf(a, "page")
}

// BriefText returns the brief of pasted text under title. Text over
// MaxPastedText characters, or a title over MaxPastedTitle, is refused
// whole rather than briefed in part: a preview of half an article would
// mislead.
func (b *Bot) BriefText(title, text string) (Message, error) {
	title, text = strings.TrimSpace(title), strings.TrimSpace(text)
	switch {
	case !utf8.ValidString(title) || !utf8.ValidString(text):
		return Message{}, &InputError{Msg: "The text is not valid UTF-8."}
	case text == "":
		return Message{}, &InputError{Msg: "Paste the article's text to brief it."}
	case utf8.RuneCountInString(title) > MaxPastedTitle:
		return Message{}, &InputError{Msg: fmt.Sprintf("The title is %d characters long; the most is %d.",
			utf8.RuneCountInString(title), MaxPastedTitle)}
	case utf8.RuneCountInString(text) > MaxPastedText:
		return Message{}, &InputError{Msg: fmt.Sprintf("The text is %d characters long; the most is %d.",
			utf8.RuneCountInString(text), MaxPastedText)}
	}
	return b.briefOf(brief.Article{Title: title, Text: text}, "text")
}

// briefOf briefs one article; what names it in the error ("page", "text").
func (b *Bot) briefOf(a brief.Article, what string) (Message, error) {
	br, err := b.sum.Summarize(a)
	if err != nil {
		return Message{}, &InputError{Msg: "Could not brief that " + what + ": " + err.Error(), Err: err}
	}
	return Message{Brief: &br}, nil
}

// DigestNow returns chat c's daily brief as it would read if it were due
// now: its topics, the articles since its last daily brief, its heading,
// or the quiet-day line when there is no news. It does not enqueue the
// brief or move the chat's schedule.
func (b *Bot) DigestNow(ctx context.Context, c ChatRef) (Message, error) {
	cs, err := b.store.Chat(ctx, c)
	if err != nil {
		return Message{}, err
	}
	topics, err := b.store.Subscriptions(ctx, c)
	if err != nil {
		return Message{}, err
	}
	now := b.opts.Clock.Now()
	since := digestSince(cs, now, b.opts.Window)
	p, err := b.loadPool(ctx, since)
	if err != nil {
		return Message{}, err
	}
	d, err := b.digestFrom(p, topics, since, now, b.opts.MaxStories)
	if err != nil {
		return Message{}, err
	}
	return dailyMessage(cs, topics, d, now), nil
}

// replyError turns an *InputError into the reply that tells the person
// what went wrong; other errors (the store's) stay errors.
func replyError(msg Message, err error) (Message, error) {
	if ie, ok := errors.AsType[*InputError](err); ok {
		msg.Text = ie.Msg
		return msg, nil
	}
	return Message{}, err
}
