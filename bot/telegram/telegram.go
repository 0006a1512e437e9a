// Package telegram is the Telegram adapter: it sends messages rendered as
// Telegram HTML and receives commands by long polling or a webhook, through
// the Bot API at a configurable URL. It touches the network and nothing
// else, and no error or log line it makes carries the bot's token.
package telegram

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/newsbrief/newsbrief/bot"
)

// Platform is the ChatRef.Platform of Telegram chats.
const Platform = "telegram"

// Options configure an Adapter; only Token is required.
type Options struct {
	Token string
	// APIURL is the Bot API endpoint as a format with the token and the
	// method, "http://127.0.0.1:8081/bot%s/%s", or a base URL to which
	// "/bot%s/%s" is added; empty for Telegram's own.
	APIURL string
	// HTTPClient makes the requests; the default times out after
	// PollTimeout plus 15 seconds. Each call also has its own time-out.
	HTTPClient *http.Client
	// BotName is the bot's username, for commands addressed as
	// /summary@name; empty to ask getMe.
	BotName string
	// PollTimeout is how long a getUpdates call waits for updates (default
	// 30s).
	PollTimeout time.Duration
	// Pacer takes a send slot for each part of a command's reply, from
	// the same budget as the outbox's briefs (a *bot.Pacer), so that
	// replies count against Telegram's limits too. Without one, the parts
	// of a reply are PartGap apart.
	Pacer bot.SlotWaiter
	// PartGap is the pause between the parts of a long message when there
	// is no Pacer (default the per-chat interval, 1s; 3s in groups).
	PartGap time.Duration
	Log     *slog.Logger
	// Clock times the admin cache and the pauses between parts and polls
	// (default bot.RealClock).
	Clock bot.Clock
}

// Adapter is a Telegram bot. It is safe for concurrent use.
type Adapter struct {
	api   *tgbotapi.BotAPI
	http  tgbotapi.HTTPClient
	token string
	name  string
	opts  Options

	admins *bot.AdminCache // by "chat:user"
}

var _ bot.PartSender = (*Adapter)(nil)

// ErrOptions reports Options that New cannot use.
var ErrOptions = errors.New("invalid telegram options")

// ErrUnauthorized means the Bot API does not accept the token: it is
// wrong, or was revoked with @BotFather.
var ErrUnauthorized = errors.New("the Bot API does not accept the token")

// New connects to the Bot API and checks the token with getMe.
func New(ctx context.Context, opts Options) (*Adapter, error) {
	if opts.Token == "" {
		return nil, fmt.Errorf("%w: telegram.token is empty", ErrOptions)
	}
	endpoint := cmp.Or(opts.APIURL, tgbotapi.APIEndpoint)
	if !strings.Contains(endpoint, "%") {
		endpoint = strings.TrimRight(endpoint, "/") + "/bot%s/%s"
	}
	if strings.Count(endpoint, "%s") != 2 || strings.Count(endpoint, "%") != 2 {
		return nil, fmt.Errorf("%w: telegram.api_url %q needs two %%s, for the token and the method", ErrOptions, opts.APIURL)
	}
	opts.PollTimeout = cmp.Or(opts.PollTimeout, 30*time.Second)
	if opts.HTTPClient == nil {
		opts.HTTPClient = &http.Client{Timeout: opts.PollTimeout + 15*time.Second}
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	opts.Clock = cmp.Or[bot.Clock](opts.Clock, bot.RealClock{})
	a := &Adapter{http: opts.HTTPClient, token: opts.Token, opts: opts, admins: bot.NewAdminCache(adminTTL, opts.Clock)}
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	seen := &answer{}
	api, err := tgbotapi.NewBotAPIWithClient(opts.Token, endpoint, ctxClient{ctx, opts.HTTPClient, seen})
	if err != nil {
		err = classify(seen.describe(a.redact(err), a.redactString))
		var tgErr *tgbotapi.Error
		if errors.As(err, &tgErr) && (tgErr.Code == http.StatusUnauthorized || tgErr.Code == http.StatusNotFound) {
			return nil, fmt.Errorf("telegram getMe: %w (%s)", ErrUnauthorized, tgErr.Message)
		}
		return nil, fmt.Errorf("telegram getMe: %w", err)
	}
	api.Client = opts.HTTPClient
	a.api = api
	a.name = cmp.Or(strings.TrimPrefix(opts.BotName, "@"), api.Self.UserName)
	return a, nil
}

// Platform returns "telegram".
func (a *Adapter) Platform() string { return Platform }

// Limits returns Telegram's limits: 30 messages a second overall, one a
// second per chat, 20 a minute per group.
func (a *Adapter) Limits() bot.Limits {
	return bot.Limits{
		Global:   bot.Rate{N: 30, Per: time.Second},
		PerChat:  bot.Rate{N: 1, Per: time.Second},
		PerGroup: bot.Rate{N: 20, Per: time.Minute},
		IsGroup:  isGroup,
	}
}

// isGroup tells groups, supergroups and channels, whose IDs are negative.
func isGroup(chatID string) bool { return strings.HasPrefix(chatID, "-") }

// BotName returns the bot's username.
func (a *Adapter) BotName() string { return a.name }
