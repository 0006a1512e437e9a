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
	Pacer bot.SlotWaiter
	// PartGap is the pause between the posts of one message (a digest's
	// thread replies) when there is no Pacer, keeping to Slack's 1
	// message a second per channel (default 1s).
	PartGap time.Duration
	// Clock times the users.info cache and the pauses between posts
	// (default bot.RealClock).
	Clock bot.Clock
}

// Adapter is the Slack chat.
type Adapter struct {
	api    *slack.Client
	opts   Options
	admins map[string]bool

	roles *bot.AdminCache // users.info answers by user ID
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
	opts.Clock = cmp.Or[bot.Clock](opts.Clock, bot.RealClock{})
	sopts := []slack.Option{slack.OptionHTTPClient(opts.HTTPClient)}
	if opts.APIURL != "" {
		sopts = append(sopts, slack.OptionAPIURL(opts.APIURL))
	}
	if opts.AppToken != "" {
		sopts = append(sopts, slack.OptionAppLevelToken(opts.AppToken))
	}
	a := &Adapter{api: slack.New(opts.BotToken, sopts...), opts: opts, admins: map[string]bool{}, roles: bot.NewAdminCache(adminTTL, opts.Clock)}
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
