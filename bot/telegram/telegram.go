// Package telegram is the Telegram adapter: it sends messages rendered as
// Telegram HTML and receives commands by long polling or a webhook, through
// the Bot API at a configurable URL. It touches the network and nothing
// else, and no error or log line it makes carries the bot's token.
package telegram

import (
	"bytes"
	"cmp"
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/newsbrief/newsbrief/bot"
)

// Platform is the ChatRef.Platform of Telegram chats.
const Platform = "telegram"

// Pacer hands out send slots within a platform's limits; *bot.Pacer is
// one.
type Pacer interface {
	Wait(ctx context.Context, chat bot.ChatRef, l bot.Limits) error
}

// Handler answers a command; *bot.Bot is one.
type Handler interface {
	Handle(ctx context.Context, req bot.Request) (bot.Message, error)
}

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
	Pacer Pacer
	// PartGap is the pause between the parts of a long message when there
	// is no Pacer (default the per-chat interval, 1s; 3s in groups).
	PartGap time.Duration
	Log     *slog.Logger
	// Now is the clock for the admin cache (default time.Now).
	Now func() time.Time
}

// minPollGap is the least time between two empty getUpdates answers.
const minPollGap = 250 * time.Millisecond

// callTimeout bounds every call but getUpdates.
const callTimeout = 15 * time.Second

// maxPartWait is the longest Send waits, in the middle of a message, for
// a rate limit to pass; longer waits go back to the outbox.
const maxPartWait = 30 * time.Second

// adminTTL is how long an answer of getChatMember is trusted.
const adminTTL = 5 * time.Minute

// Adapter is a Telegram bot. It is safe for concurrent use.
type Adapter struct {
	api   *tgbotapi.BotAPI
	http  tgbotapi.HTTPClient
	token string
	name  string
	opts  Options

	mu     sync.Mutex
	admins map[string]adminAnswer // "chat:user"
}

type adminAnswer struct {
	admin bool
	at    time.Time
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
	if opts.Now == nil {
		opts.Now = time.Now
	}
	a := &Adapter{http: opts.HTTPClient, token: opts.Token, opts: opts, admins: map[string]adminAnswer{}}
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

// ctxClient gives the library's requests, made without a context, the
// context of the call: the library takes none, so each call gets a shallow
// copy of the client with this shim, which lives no longer than the call.
type ctxClient struct {
	ctx  context.Context
	c    tgbotapi.HTTPClient
	seen *answer // the answer's status and start, for errors without a description
}

func (c ctxClient) Do(r *http.Request) (*http.Response, error) {
	resp, err := c.c.Do(r.WithContext(c.ctx))
	if err == nil && c.seen != nil {
		c.seen.status, c.seen.code = resp.Status, resp.StatusCode
		resp.Body = teeBody{io.TeeReader(resp.Body, &c.seen.start), resp.Body}
	}
	return resp, err
}

// answer is what the Bot API answered to a call: enough to say what went
// wrong when its JSON has no description (a proxy's error page, an
// emulator that lacks the method).
type answer struct {
	status string
	code   int
	start  capped
}

// describe gives a Bot API error without a description the HTTP status
// and the start of the body instead, so that no error reads "bot api 0: ";
// redact takes the token out of the body.
func (s *answer) describe(err error, redact func(string) string) error {
	var tgErr *tgbotapi.Error
	if !errors.As(err, &tgErr) || tgErr.Message != "" || s.status == "" {
		return err
	}
	body := redact(strings.Join(strings.Fields(s.start.String()), " "))
	msg := "HTTP " + s.status + " with no description"
	if body != "" {
		msg += ": " + body
	}
	return &tgbotapi.Error{Code: cmp.Or(tgErr.Code, s.code), Message: msg, ResponseParameters: tgErr.ResponseParameters}
}

// capped keeps the first bytes written to it.
type capped struct{ bytes.Buffer }

const maxAnswerStart = 300

func (c *capped) Write(p []byte) (int, error) {
	if room := maxAnswerStart - c.Len(); room > 0 {
		c.Buffer.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}

type teeBody struct {
	io.Reader
	io.Closer
}

// call makes one Bot API request with its own time-out; its error never
// holds the token.
func (a *Adapter) call(ctx context.Context, timeout time.Duration, method string, p tgbotapi.Params) (json.RawMessage, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	api := *a.api
	seen := &answer{}
	api.Client = ctxClient{ctx, a.http, seen}
	resp, err := api.MakeRequest(method, p)
	if err != nil {
		return nil, seen.describe(a.redact(err), a.redactString)
	}
	return resp.Result, nil
}

// redact removes the token from an error: the library puts it in every
// request URL, and *url.Error prints the URL.
func (a *Adapter) redact(err error) error {
	if err == nil || a.token == "" {
		return err
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		inner := ue.Err
		if inner != nil && a.hasToken(inner.Error()) {
			inner = errors.New(a.redactString(inner.Error()))
		}
		return &url.Error{Op: ue.Op, URL: a.redactString(ue.URL), Err: inner}
	}
	if a.hasToken(err.Error()) {
		return errors.New(a.redactString(err.Error()))
	}
	return err
}

func (a *Adapter) hasToken(s string) bool {
	return strings.Contains(s, a.token) || strings.Contains(s, url.PathEscape(a.token))
}

func (a *Adapter) redactString(s string) string {
	s = strings.ReplaceAll(s, a.token, "[redacted]")
	return strings.ReplaceAll(s, url.PathEscape(a.token), "[redacted]")
}

// Parts renders a message for the outbox, which sends it a part at a
// time.
func (a *Adapter) Parts(m bot.Message) (bot.Parts, error) {
	texts, shown := render(m)
	p := parts{a: a, m: m, texts: texts}
	// The buttons are the stories shown, not those a digest lost to fit.
	if kb := keyboard(shown); kb != nil {
		js, err := json.Marshal(kb)
		if err != nil {
			return nil, fmt.Errorf("send to %s: encode buttons: %w", m.Chat, err)
		}
		p.markup = string(js)
	}
	return p, nil
}

// parts is a message rendered as Telegram HTML, with its buttons, which
// go under the last part, where the reader ends.
type parts struct {
	a      *Adapter
	m      bot.Message
	texts  []string
	markup string // JSON; empty for none
}

func (p parts) Len() int { return len(p.texts) }

// Send sends part i; Telegram needs nothing from one part for the next.
func (p parts) Send(ctx context.Context, i int, state string) (string, error) {
	buttons := ""
	if i == len(p.texts)-1 {
		buttons = p.markup
	}
	if err := p.a.sendPart(ctx, p.m, p.texts[i], buttons); err != nil {
		return state, fmt.Errorf("send to %s (part %d of %d): %w", p.m.Chat, i+1, len(p.texts), err)
	}
	return state, nil
}

// Send renders a message and sends its parts in order, each in its turn
// (see Options.Pacer): how a command's reply goes out.
func (a *Adapter) Send(ctx context.Context, m bot.Message) error {
	ps, err := a.Parts(m)
	if err != nil {
		return err
	}
	for i := range ps.Len() {
		if err := a.turn(ctx, m.Chat, i); err != nil {
			return fmt.Errorf("send to %s: %w", m.Chat, err)
		}
		_, err := ps.Send(ctx, i, "")
		var rl *bot.RateLimitError
		if i > 0 && errors.As(err, &rl) && rl.Delay <= maxPartWait {
			// Earlier parts went out: waiting here keeps a retry of the
			// whole message from sending them twice.
			if err := sleep(ctx, rl.Delay); err != nil {
				return fmt.Errorf("send to %s: %w", m.Chat, err)
			}
			_, err = ps.Send(ctx, i, "")
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// turn waits until part i of a message to chat may go: for the pacer's
// slot, or without one PartGap after the part before.
func (a *Adapter) turn(ctx context.Context, chat bot.ChatRef, i int) error {
	if a.opts.Pacer != nil {
		return a.opts.Pacer.Wait(ctx, chat, a.Limits())
	}
	if i == 0 {
		return nil
	}
	gap := a.opts.PartGap
	if gap == 0 {
		gap = a.Limits().PerChat.Interval()
		if isGroup(chat.ID) {
			gap = a.Limits().PerGroup.Interval()
		}
	}
	return sleep(ctx, gap)
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

// sendPart sends one part as HTML, with the inline keyboard in markup
// (JSON; empty for none), and, if Telegram still refuses the formatting,
// once more as plain text.
func (a *Adapter) sendPart(ctx context.Context, m bot.Message, part, markup string) error {
	p := tgbotapi.Params{"chat_id": m.Chat.ID, "text": part, "parse_mode": tgbotapi.ModeHTML}
	if markup != "" {
		p["reply_markup"] = markup
	}
	if m.Digest != nil {
		p["disable_web_page_preview"] = "true"
	}
	if m.Chat.Thread != "" {
		p["message_thread_id"] = m.Chat.Thread
	}
	_, err := a.call(ctx, callTimeout, "sendMessage", p)
	var tgErr *tgbotapi.Error
	if errors.As(err, &tgErr) && tgErr.Code == http.StatusBadRequest && strings.Contains(tgErr.Message, "can't parse entities") {
		a.opts.Log.Warn("telegram refused HTML; sending plain text", "chat", m.Chat.String(), "err", err)
		p["text"] = plainText(part)
		delete(p, "parse_mode")
		_, err = a.call(ctx, callTimeout, "sendMessage", p)
	}
	return classify(err)
}

// classify turns the Bot API's answers into the errors bot acts on.
func classify(err error) error {
	var tgErr *tgbotapi.Error
	if !errors.As(err, &tgErr) {
		return err
	}
	switch {
	case tgErr.Code == http.StatusTooManyRequests:
		return &bot.RateLimitError{Platform: Platform, Delay: max(time.Duration(tgErr.RetryAfter)*time.Second, time.Second)}
	case tgErr.Code == http.StatusForbidden,
		tgErr.Code == http.StatusBadRequest && strings.Contains(tgErr.Message, "chat not found"):
		return fmt.Errorf("%w: %s", bot.ErrChatGone, tgErr.Message)
	}
	return fmt.Errorf("bot api %d: %w", tgErr.Code, err)
}

// commands is the menu registered with setMyCommands.
var commands = []tgbotapi.BotCommand{
	{Command: "summary", Description: "The latest brief, or the brief of a link or a topic"},
	{Command: "subscribe", Description: "Follow a topic"},
	{Command: "unsubscribe", Description: "Stop following a topic"},
	{Command: "topics", Description: "Topics on offer and the ones followed"},
	{Command: "schedule", Description: "When the daily brief comes: 08:00 Europe/Berlin"},
	{Command: "quiet", Description: "Hours without briefs: 22:00-07:00"},
	{Command: "sources", Description: "Where the news comes from"},
	{Command: "status", Description: "What was fetched and sent"},
	{Command: "help", Description: "What the bot does"},
}

// RegisterCommands sets the bot's command menu.
func (a *Adapter) RegisterCommands(ctx context.Context) error {
	js, err := json.Marshal(commands)
	if err != nil {
		return fmt.Errorf("register commands: %w", err)
	}
	if _, err := a.call(ctx, callTimeout, "setMyCommands", tgbotapi.Params{"commands": string(js)}); err != nil {
		return fmt.Errorf("register commands: %w", classify(err))
	}
	return nil
}

// SetWebhook asks Telegram to post updates to webhookURL with secret in
// the X-Telegram-Bot-Api-Secret-Token header.
func (a *Adapter) SetWebhook(ctx context.Context, webhookURL, secret string) error {
	p := tgbotapi.Params{"url": webhookURL, "secret_token": secret, "allowed_updates": allowedUpdates}
	if _, err := a.call(ctx, callTimeout, "setWebhook", p); err != nil {
		return fmt.Errorf("set webhook: %w", classify(err))
	}
	return nil
}

// allowedUpdates are the kinds of update the bot asks for: commands, and
// presses of its inline buttons.
const allowedUpdates = `["message","channel_post","callback_query"]`

// update is the part of a Bot API Update the bot reads; the library's
// types lack message_thread_id.
type update struct {
	UpdateID      int            `json:"update_id"`
	Message       *message       `json:"message"`
	ChannelPost   *message       `json:"channel_post"`
	CallbackQuery *callbackQuery `json:"callback_query"`
}

type user struct {
	ID int64 `json:"id"`
}

type message struct {
	ThreadID int   `json:"message_thread_id"`
	IsTopic  bool  `json:"is_topic_message"`
	From     *user `json:"from"`
	Chat     struct {
		ID   int64  `json:"id"`
		Type string `json:"type"`
	} `json:"chat"`
	Text string `json:"text"`
}

// callbackQuery is the press of an inline button: Data is the button's
// callback_data, Message the message the button is under.
type callbackQuery struct {
	ID      string   `json:"id"`
	From    user     `json:"from"`
	Message *message `json:"message"`
	Data    string   `json:"data"`
}

// Run receives commands by long polling until ctx ends, answering each
// with h, several chats at once; it returns when the answers under way
// are done. Failures to poll are logged and retried after a pause.
func (a *Adapter) Run(ctx context.Context, h Handler) error {
	lanes := bot.NewLanes(updateWorkers, updatesPerChat)
	defer lanes.Wait()
	offset := 0
	for ctx.Err() == nil {
		p := tgbotapi.Params{
			"timeout":         strconv.Itoa(int(a.opts.PollTimeout / time.Second)),
			"allowed_updates": allowedUpdates,
		}
		if offset > 0 {
			p["offset"] = strconv.Itoa(offset)
		}
		asked := time.Now()
		res, err := a.call(ctx, a.opts.PollTimeout+10*time.Second, "getUpdates", p)
		var ups []update
		if err == nil {
			if err = json.Unmarshal(res, &ups); err != nil {
				err = fmt.Errorf("decode updates: %w", err)
			}
		}
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			err = classify(err)
			wait := 3 * time.Second
			var rl *bot.RateLimitError
			if errors.As(err, &rl) {
				wait = rl.RetryAfter()
			}
			a.opts.Log.Warn("telegram poll", "err", err, "retry_in", wait)
			if sleep(ctx, wait) != nil {
				break
			}
			continue
		}
		if len(ups) == 0 && time.Since(asked) < minPollGap {
			// A server that does not hold the long poll (an emulator, a
			// proxy) answers at once: do not ask it in a tight loop.
			if sleep(ctx, minPollGap) != nil {
				break
			}
		}
		for _, u := range ups {
			offset = max(offset, u.UpdateID+1)
			handle := func() {
				if err := a.handle(ctx, h, u); err != nil {
					a.opts.Log.Error("telegram update", "update_id", u.UpdateID, "err", err)
				}
			}
			if !lanes.Go(u.chat(), handle) {
				a.opts.Log.Warn("telegram chat has too many commands waiting; update dropped", "chat", u.chat(), "update_id", u.UpdateID)
			}
		}
	}
	return nil
}

// Updates are answered concurrently, a bounded number at once and each
// chat's in order, so that one chat's long reply never holds up another.
const (
	updateWorkers  = 8
	updatesPerChat = 4 // waiting or running; a chat sending more is flooding
)

// chat names the chat an update comes from, for its lane; empty if none.
func (u update) chat() string {
	m := cmp.Or(u.Message, u.ChannelPost)
	if u.CallbackQuery != nil {
		m = u.CallbackQuery.Message
	}
	if m == nil {
		return ""
	}
	return strconv.FormatInt(m.Chat.ID, 10)
}

// WebhookHandler receives updates that Telegram posts. It answers 401
// unless the X-Telegram-Bot-Api-Secret-Token header holds secret (an empty
// secret refuses every call), and 200 once the update is handled, also
// when handling failed: Telegram would only post it again.
func (a *Adapter) WebhookHandler(h Handler, secret string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got := r.Header.Get("X-Telegram-Bot-Api-Secret-Token")
		if secret == "" || subtle.ConstantTimeCompare([]byte(got), []byte(secret)) != 1 {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		if r.Method != http.MethodPost {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		var u update
		if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&u); err != nil {
			http.Error(w, "bad update", http.StatusBadRequest)
			return
		}
		if err := a.handle(r.Context(), h, u); err != nil {
			a.opts.Log.Error("telegram update", "update_id", u.UpdateID, "err", err)
		}
		w.WriteHeader(http.StatusOK)
	})
}

// handle answers the command an update holds, if it holds one for us.
func (a *Adapter) handle(ctx context.Context, h Handler, u update) error {
	m := cmp.Or(u.Message, u.ChannelPost)
	if u.CallbackQuery != nil {
		m = a.pressed(ctx, u.CallbackQuery)
	}
	if m == nil || !a.forUs(m.Text) {
		return nil
	}
	req := bot.Request{
		Chat:  bot.ChatRef{Platform: Platform, ID: strconv.FormatInt(m.Chat.ID, 10)},
		Group: m.Chat.Type == "group" || m.Chat.Type == "supergroup" || m.Chat.Type == "channel",
		Text:  m.Text,
	}
	if m.IsTopic && m.ThreadID != 0 {
		req.Chat.Thread = strconv.Itoa(m.ThreadID)
	}
	switch {
	case m.From != nil:
		req.User = strconv.FormatInt(m.From.ID, 10)
	case m.Chat.Type == "channel":
		// Only a channel's admins can post in it.
		req.User, req.Admin = req.Chat.ID, true
	}
	if req.Group && !req.Admin && m.From != nil {
		admin, err := a.isAdmin(ctx, req.Chat.ID, req.User)
		if err != nil {
			// Not knowing, the bot treats the user as a member: the reply
			// says only admins may change settings.
			a.opts.Log.Warn("telegram chat member", "chat", req.Chat.String(), "err", err)
		}
		req.Admin = admin
	}
	// On a failure the reply tells the user so; the error is logged.
	reply, err := h.Handle(ctx, req)
	if err != nil {
		err = fmt.Errorf("handle %s: %w", req.Chat, err)
	}
	if reply.Empty() {
		return err
	}
	return errors.Join(err, a.Send(ctx, reply))
}

// pressed answers a button press at once, which stops the spinner on the
// button, and returns the press as the command its data holds, sent by
// the user who pressed it in the chat of the message; nil if the data
// holds no command.
func (a *Adapter) pressed(ctx context.Context, cq *callbackQuery) *message {
	if _, err := a.call(ctx, callTimeout, "answerCallbackQuery", tgbotapi.Params{"callback_query_id": cq.ID}); err != nil {
		// The spinner runs on until Telegram gives up; the command is
		// still worth answering.
		a.opts.Log.Warn("telegram answer callback", "err", classify(err))
	}
	if cq.Message == nil || !strings.HasPrefix(cq.Data, "/") {
		return nil
	}
	m := *cq.Message
	m.From = &cq.From
	m.Text = cq.Data
	return &m
}

// forUs reports whether text is a command for this bot: /summary, or
// /summary@name with our name.
func (a *Adapter) forUs(text string) bool {
	if !strings.HasPrefix(text, "/") {
		return false
	}
	word := strings.Fields(text)[0]
	_, name, addressed := strings.Cut(word, "@")
	return !addressed || strings.EqualFold(name, a.name)
}

// isAdmin asks getChatMember whether the user runs the chat, and keeps the
// answer for a while.
func (a *Adapter) isAdmin(ctx context.Context, chatID, userID string) (bool, error) {
	key := chatID + ":" + userID
	now := a.opts.Now()
	a.mu.Lock()
	ans, ok := a.admins[key]
	a.mu.Unlock()
	if ok && now.Sub(ans.at) < adminTTL {
		return ans.admin, nil
	}
	res, err := a.call(ctx, callTimeout, "getChatMember", tgbotapi.Params{"chat_id": chatID, "user_id": userID})
	if err != nil {
		return false, fmt.Errorf("get chat member: %w", classify(err))
	}
	var member struct {
		Status string `json:"status"`
	}
	if err := json.Unmarshal(res, &member); err != nil {
		return false, fmt.Errorf("decode chat member: %w", err)
	}
	admin := member.Status == "creator" || member.Status == "administrator"
	a.mu.Lock()
	if len(a.admins) > 10000 {
		clear(a.admins) // bound memory; the answers are asked again
	}
	a.admins[key] = adminAnswer{admin: admin, at: now}
	a.mu.Unlock()
	return admin, nil
}
