package slack

import (
	"errors"
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"github.com/newsbrief/newsbrief/bot"
)

// goneErrors are the API errors after which posting to the channel cannot
// work until someone acts.
var goneErrors = map[string]bool{
	"channel_not_found":   true,
	"is_archived":         true,
	"not_in_channel":      true,
	"account_inactive":    true,
	"user_not_in_channel": true,
}

// wrap turns the client's errors into the bot's: rate limits into
// *bot.RateLimitError, a channel the bot cannot reach into ErrChatGone,
// and everything else with the tokens taken out.
func (a *Adapter) wrap(method string, err error) error {
	if err == nil {
		return nil
	}
	var rl *slack.RateLimitedError
	if errors.As(err, &rl) {
		return &bot.RateLimitError{Platform: Platform, Delay: rl.RetryAfter}
	}
	var se slack.SlackErrorResponse
	if errors.As(err, &se) && goneErrors[se.Err] {
		return fmt.Errorf("slack %s: %s: %w", method, se.Err, bot.ErrChatGone)
	}
	return a.redact(fmt.Errorf("slack %s: %w", method, err))
}

// redact removes the tokens from an error's text. The client sends them
// in a header, not the URL, so this is a second line of defence; a
// redacted error no longer unwraps, since the inner text holds the token.
func (a *Adapter) redact(err error) error {
	msg := err.Error()
	clean := msg
	for _, tok := range []string{a.opts.BotToken, a.opts.AppToken, a.opts.SigningSecret} {
		if tok != "" {
			clean = strings.ReplaceAll(clean, tok, "[redacted]")
		}
	}
	if clean == msg {
		return err
	}
	return redactedError(clean)
}

type redactedError string

func (e redactedError) Error() string { return string(e) }
