// Package slack is the Slack adapter: it renders messages as Block Kit,
// posts them through the Slack Web API, and receives slash commands and
// mentions over HTTP (Events API) or Socket Mode. It talks to Slack and
// to the bot package only.
package slack

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/slack-go/slack"

	"github.com/newsbrief/newsbrief/bot"
)

// Platform is the ChatRef.Platform of Slack.
const Platform = "slack"

// Options configure an Adapter.
type Options struct {
	// BotToken (xoxb-) posts messages.
	BotToken string
	// AppToken (xapp-) opens Socket Mode connections; only RunSocketMode
	// needs it.
	AppToken string
	// SigningSecret checks the signature of HTTP-mode requests.
	SigningSecret string
	// APIURL is the Web API's base URL, ending in "/api/"; empty for
	// Slack's own.
	APIURL string
	// HTTPClient makes the API calls; the default times out after 30s.
	HTTPClient *http.Client
	// Admins are user IDs that may change a channel's settings besides
	// the workspace's admins and owners (users.info tells those, with the
	// users:read scope). Everyone else in a channel may ask, not change.
	// In DMs the user is always the admin.
	Admins []string
	// Timeout bounds each API call (default 10s).
	Timeout time.Duration
	// Retries is how often a thread reply is retried after a rate limit
	// (default 3); the top post is never retried here, the outbox does.
	Retries int
	// Pacer takes a send slot for each post of a command's reply, from the
	// same budget as the outbox's briefs (a *bot.Pacer), so that replies
	// count against Slack's limits too. Without one, the posts of a reply
	// are PartGap apart.
	Pacer Pacer
	// PartGap is the pause between the posts of one message (a digest's
	// thread replies) when there is no Pacer, keeping to Slack's 1
	// message a second per channel (default 1s).
	PartGap time.Duration
}

// Pacer hands out send slots within a platform's limits; *bot.Pacer is
// one.
type Pacer interface {
	Wait(ctx context.Context, chat bot.ChatRef, l bot.Limits) error
}

// Adapter is the Slack chat.
type Adapter struct {
	api    *slack.Client
	opts   Options
	admins map[string]bool

	rolesMu sync.Mutex
	roles   map[string]roleAnswer // users.info answers by user ID
}

var _ bot.PartSender = (*Adapter)(nil)

// New returns a Slack adapter.
func New(opts Options) *Adapter {
	if opts.HTTPClient == nil {
		opts.HTTPClient = &http.Client{Timeout: 30 * time.Second}
	}
	opts.Timeout = cmp.Or(opts.Timeout, 10*time.Second)
	opts.Retries = cmp.Or(opts.Retries, 3)
	opts.PartGap = cmp.Or(opts.PartGap, time.Second)
	sopts := []slack.Option{slack.OptionHTTPClient(opts.HTTPClient)}
	if opts.APIURL != "" {
		sopts = append(sopts, slack.OptionAPIURL(opts.APIURL))
	}
	if opts.AppToken != "" {
		sopts = append(sopts, slack.OptionAppLevelToken(opts.AppToken))
	}
	a := &Adapter{api: slack.New(opts.BotToken, sopts...), opts: opts, admins: map[string]bool{}, roles: map[string]roleAnswer{}}
	for _, id := range opts.Admins {
		a.admins[id] = true
	}
	return a
}

// ErrUnauthorized means Slack does not accept a token: it is wrong,
// revoked, or of the wrong kind.
var ErrUnauthorized = errors.New("Slack does not accept the token")

// refusedToken are the API errors of a token Slack does not accept.
var refusedToken = map[string]bool{
	"invalid_auth": true, "not_authed": true, "token_revoked": true, "token_expired": true,
	"account_inactive": true, "not_allowed_token_type": true,
}

// Check asks Slack whether the tokens work, at start rather than at the
// first post: auth.test for the bot token and, for Socket Mode,
// apps.connections.open for the app token. A refused token is
// ErrUnauthorized, named by its setting.
func (a *Adapter) Check(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, a.opts.Timeout)
	defer cancel()
	if _, err := a.api.AuthTestContext(ctx); err != nil {
		return a.tokenError("slack.bot_token", "auth.test", err)
	}
	if a.opts.AppToken != "" {
		if _, _, err := a.api.StartSocketModeContext(ctx); err != nil {
			return a.tokenError("slack.app_token", "apps.connections.open", err)
		}
	}
	return nil
}

func (a *Adapter) tokenError(setting, method string, err error) error {
	var se slack.SlackErrorResponse
	if errors.As(err, &se) && refusedToken[se.Err] {
		return fmt.Errorf("%s: %w (%s answered %s)", setting, ErrUnauthorized, method, se.Err)
	}
	return a.wrap(method, err)
}

// Platform returns "slack".
func (a *Adapter) Platform() string { return Platform }

// Limits are Slack's: about one message a second per channel, and a
// global pace well under chat.postMessage's workspace limit.
func (a *Adapter) Limits() bot.Limits {
	return bot.Limits{
		Global:  bot.Rate{N: 20, Per: time.Second},
		PerChat: bot.Rate{N: 1, Per: time.Second},
	}
}

// Parts renders a message for the outbox, which posts it a post at a
// time.
func (a *Adapter) Parts(m bot.Message) (bot.Parts, error) {
	return posts{a: a, m: m, list: Render(m)}, nil
}

// posts is a message rendered as Slack posts. A digest's top post goes to
// the channel (or the ChatRef's thread) and each story to its thread.
type posts struct {
	a    *Adapter
	m    bot.Message
	list []Post
}

func (p posts) Len() int { return len(p.list) }

// Send makes post i. state is the top post's timestamp, which later posts
// reply to in its thread.
func (p posts) Send(ctx context.Context, i int, state string) (string, error) {
	post, m := p.list[i], p.m
	opts := []slack.MsgOption{slack.MsgOptionBlocks(post.Blocks...), slack.MsgOptionText(post.Text, false)}
	if m.Digest != nil {
		opts = append(opts, slack.MsgOptionDisableLinkUnfurl(), slack.MsgOptionDisableMediaUnfurl())
	}
	ts := m.Chat.Thread
	if ts == "" && post.InThread && !m.Ephemeral {
		ts = state
	}
	if ts != "" {
		opts = append(opts, slack.MsgOptionTS(ts))
	}
	got, err := p.a.post(ctx, m, opts)
	switch {
	case err != nil && i == 0:
		return state, err
	case err != nil:
		return state, fmt.Errorf("post %d of %d: %w", i+1, len(p.list), err)
	case i == 0:
		return got, nil
	}
	return state, nil
}

// Send posts a message, each post in its turn (see Options.Pacer): how a
// command's reply goes out. Once the top post is out, thread replies that
// meet a rate limit are retried here after Slack's Retry-After, so that
// the top is never posted twice. Ephemeral messages go to m.User.
func (a *Adapter) Send(ctx context.Context, m bot.Message) error {
	ps := posts{a: a, m: m, list: Render(m)}
	state := ""
	for i := range ps.Len() {
		if err := a.turn(ctx, m.Chat, i); err != nil {
			return fmt.Errorf("slack: post %d of %d: %w", i+1, ps.Len(), err)
		}
		var err error
		for attempt := 0; ; attempt++ {
			var next string
			next, err = ps.Send(ctx, i, state)
			var rl *bot.RateLimitError
			if err == nil {
				state = next
			}
			if i == 0 || attempt >= a.opts.Retries || !errors.As(err, &rl) {
				break
			}
			if err := sleep(ctx, rl.RetryAfter()); err != nil {
				return fmt.Errorf("slack: post %d of %d: %w", i+1, ps.Len(), err)
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// turn waits until post i of a message to chat may go: for the pacer's
// slot, or without one PartGap after the post before.
func (a *Adapter) turn(ctx context.Context, chat bot.ChatRef, i int) error {
	if a.opts.Pacer != nil {
		return a.opts.Pacer.Wait(ctx, chat, a.Limits())
	}
	if i == 0 {
		return nil
	}
	return sleep(ctx, a.opts.PartGap)
}

// post makes one API call and returns the message's timestamp.
func (a *Adapter) post(ctx context.Context, m bot.Message, opts []slack.MsgOption) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, a.opts.Timeout)
	defer cancel()
	if m.Ephemeral && m.User != "" {
		ts, err := a.api.PostEphemeralContext(ctx, m.Chat.ID, m.User, opts...)
		return ts, a.wrap("chat.postEphemeral", err)
	}
	_, ts, err := a.api.PostMessageContext(ctx, m.Chat.ID, opts...)
	return ts, a.wrap("chat.postMessage", err)
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

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
