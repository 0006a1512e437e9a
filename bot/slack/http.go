package slack

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"

	"github.com/newsbrief/newsbrief/bot"
)

// Handler answers a command; *bot.Bot is one.
type Handler interface {
	Handle(ctx context.Context, req bot.Request) (bot.Message, error)
}

// Server receives Slack's commands, over HTTP or Socket Mode, and runs
// them on a bounded set of workers: Slack wants an answer within 3
// seconds and a brief can take longer, so requests are acknowledged at
// once and answered later. Run (or RunSocketMode) must be running for the
// commands to be answered.
type Server struct {
	a      *Adapter
	h      Handler
	log    *slog.Logger
	jobs   chan job
	replay *replayGuard
}

// job is one command to run, and where to answer it.
type job struct {
	req bot.Request
	// responseURL answers a slash command or a button without the bot
	// being in the channel; empty for mentions.
	responseURL string
}

const (
	workers        = 8
	jobsPerChat    = 4 // waiting or running; a channel sending more is flooding
	queueSize      = 64
	maxBodyBytes   = 1 << 20
	commandTimeout = 2 * time.Minute
	// actionCommand is the action_id of buttons that run a command given
	// in their value ("/summary ukraine").
	actionCommand = "newsbrief_command"
)

// NewServer returns a Server that runs commands with h and answers through
// a. A nil log discards.
func NewServer(a *Adapter, h Handler, log *slog.Logger) *Server {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Server{a: a, h: h, log: log, jobs: make(chan job, queueSize), replay: newReplayGuard(replayMax)}
}

// Run runs the commands until ctx ends, then waits for those under way:
// a bounded number at once, each channel's in order, so that one
// channel's long reply never holds up another.
func (s *Server) Run(ctx context.Context) error {
	lanes := bot.NewLanes(workers, jobsPerChat)
	defer lanes.Wait()
	for {
		select {
		case <-ctx.Done():
			return nil
		case j := <-s.jobs:
			if !lanes.Go(j.req.Chat.String(), func() { s.run(ctx, j) }) {
				s.log.Warn("slack channel has too many commands waiting; command dropped", "chat", j.req.Chat.String())
			}
		}
	}
}

// enqueue hands a command to the workers, or reports that they are busy.
func (s *Server) enqueue(j job) bool {
	select {
	case s.jobs <- j:
		return true
	default:
		return false
	}
}

const (
	busyText  = "newsbrief is busy; try again in a minute."
	errorText = "Something went wrong on newsbrief's side; try again later."
)

// run answers one command. It is the top of a loop, so it logs.
func (s *Server) run(ctx context.Context, j job) {
	ctx, cancel := context.WithTimeout(ctx, commandTimeout)
	defer cancel()
	if j.req.Group && !j.req.Admin {
		admin, err := s.a.workspaceAdmin(ctx, j.req.User)
		if err != nil {
			s.log.Warn("slack users.info: treating the user as a member", "chat", j.req.Chat.String(), "err", err)
		}
		j.req.Admin = admin
	}
	msg, err := s.h.Handle(ctx, j.req)
	if err != nil {
		s.log.Error("slack command", "chat", j.req.Chat.String(), "err", err)
		if msg.Empty() { // a handler with no words for the failure
			msg = bot.Message{Chat: j.req.Chat, Text: errorText}
		}
	}
	if msg.Empty() {
		return
	}
	msg.User = j.req.User
	if err := s.reply(ctx, j, msg); err != nil {
		s.log.Error("slack reply", "chat", j.req.Chat.String(), "err", err)
	}
}

// reply posts a command's answer: text replies (help, errors, settings)
// to the asking user only, briefs to the channel. A brief the bot cannot
// post, because it is not in the channel, becomes a hint to invite it.
func (s *Server) reply(ctx context.Context, j job, msg bot.Message) error {
	if msg.Digest == nil && msg.Brief == nil {
		return s.ephemeral(ctx, j, msg)
	}
	err := s.a.Send(ctx, msg)
	if errors.Is(err, bot.ErrChatGone) {
		return s.ephemeral(ctx, j, bot.Message{Chat: msg.Chat, User: msg.User, Text: "I cannot post in this channel. Invite me with /invite @newsbrief, or ask me in a direct message."})
	}
	return err
}

// ephemeral answers the asking user only: through the response URL when
// there is one, which works in channels the bot is not in.
func (s *Server) ephemeral(ctx context.Context, j job, msg bot.Message) error {
	if j.responseURL == "" {
		msg.Ephemeral = true
		return s.a.Send(ctx, msg)
	}
	return s.a.respond(ctx, j.responseURL, msg)
}

// respond posts a message to a response URL, shown to the user only.
func (a *Adapter) respond(ctx context.Context, responseURL string, m bot.Message) error {
	for i, p := range Render(m) {
		if err := a.turn(ctx, m.Chat, i); err != nil {
			return fmt.Errorf("slack response_url: %w", err)
		}
		ctx, cancel := context.WithTimeout(ctx, a.opts.Timeout)
		_, _, _, err := a.api.SendMessageContext(ctx, m.Chat.ID,
			slack.MsgOptionResponseURL(responseURL, slack.ResponseTypeEphemeral),
			slack.MsgOptionBlocks(p.Blocks...), slack.MsgOptionText(p.Text, false))
		cancel()
		if err != nil {
			// The response URL is a capability, like a token: keep it out.
			return a.redact(fmt.Errorf("slack response_url: %w", redactURL(err, responseURL)))
		}
	}
	return nil
}

// redactURL replaces a URL in an error's text.
func redactURL(err error, u string) error {
	msg := err.Error()
	if !strings.Contains(msg, u) {
		return err
	}
	return redactedError(strings.ReplaceAll(msg, u, "[response_url]"))
}

// request builds the bot's request for a command typed in a channel.
func (s *Server) request(channel, user, thread, text string) bot.Request {
	dm := strings.HasPrefix(channel, "D")
	return bot.Request{
		Chat:  bot.ChatRef{Platform: Platform, ID: channel, Thread: thread},
		User:  user,
		Group: !dm,
		// Workspace admins and owners are found by the worker (run).
		Admin: dm || s.a.admins[user],
		Text:  text,
	}
}

// commandText turns a slash command into the bot's command text:
// "/newsbrief subscribe ukraine" and "/subscribe ukraine" both become
// "/subscribe ukraine"; "/newsbrief" alone is "/help".
func commandText(command, text string) string {
	text = strings.TrimSpace(text)
	if command != "/newsbrief" {
		return strings.TrimSpace(command + " " + text)
	}
	if text == "" {
		return "/help"
	}
	if strings.HasPrefix(text, "/") {
		return text
	}
	return "/" + text
}

var mention = regexp.MustCompile(`^\s*<@[A-Z0-9]+(\|[^>]*)?>\s*`)

// mentionText turns "@newsbrief subscribe ukraine" into the bot's command.
func mentionText(text string) string {
	for mention.MatchString(text) {
		text = mention.ReplaceAllString(text, "")
	}
	return commandText("/newsbrief", text)
}

// verified checks Slack's signature and timestamp (at most 5 minutes
// old) before next sees the body, and refuses other requests with 401, a
// signature seen before among them: a replayed request is answered once.
func (s *Server) verified(next func(w http.ResponseWriter, r *http.Request, body []byte)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
		if err != nil {
			http.Error(w, "request too large", http.StatusRequestEntityTooLarge)
			return
		}
		if s.a.opts.SigningSecret == "" {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		sv, err := slack.NewSecretsVerifier(r.Header, s.a.opts.SigningSecret)
		if err == nil {
			_, _ = sv.Write(body)
			err = sv.Ensure()
		}
		if err != nil {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		if !s.replay.first(r.Header.Get("X-Slack-Signature"), time.Now()) {
			s.log.Warn("slack request replayed, refused", "path", r.URL.Path)
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		next(w, r, body)
	})
}

// CommandsHandler serves /slack/commands: slash commands.
func (s *Server) CommandsHandler() http.Handler {
	return s.verified(func(w http.ResponseWriter, r *http.Request, body []byte) {
		form, err := url.ParseQuery(string(body))
		if err != nil || form.Get("command") == "" || form.Get("channel_id") == "" {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		req := s.request(form.Get("channel_id"), form.Get("user_id"), "", commandText(form.Get("command"), form.Get("text")))
		if !s.enqueue(job{req: req, responseURL: form.Get("response_url")}) {
			writeJSON(w, map[string]string{"response_type": "ephemeral", "text": busyText})
			return
		}
		// An empty 200 acknowledges without a visible reply; the answer
		// follows through the response URL or the channel.
		w.WriteHeader(http.StatusOK)
	})
}

// EventsHandler serves /slack/events: the URL verification challenge and
// app_mention events, which run the mention's text as a command.
func (s *Server) EventsHandler() http.Handler {
	return s.verified(func(w http.ResponseWriter, r *http.Request, body []byte) {
		ev, err := slackevents.ParseEvent(json.RawMessage(body), slackevents.OptionNoVerifyToken())
		if err != nil {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		switch ev.Type {
		case slackevents.URLVerification:
			var c slackevents.ChallengeResponse
			if err := json.Unmarshal(body, &c); err != nil {
				http.Error(w, "bad request", http.StatusBadRequest)
				return
			}
			w.Header().Set("Content-Type", "text/plain")
			_, _ = io.WriteString(w, c.Challenge)
			return
		case slackevents.CallbackEvent:
			// Slack retries events it thinks went unanswered; the first
			// delivery was queued already.
			if r.Header.Get("X-Slack-Retry-Num") == "" {
				s.event(ev)
			}
		}
		w.WriteHeader(http.StatusOK)
	})
}

// event queues the command in an app_mention.
func (s *Server) event(ev slackevents.EventsAPIEvent) {
	m, ok := ev.InnerEvent.Data.(*slackevents.AppMentionEvent)
	if !ok || m.BotID != "" || m.User == "" {
		return
	}
	if !s.enqueue(job{req: s.request(m.Channel, m.User, m.ThreadTimeStamp, mentionText(m.Text))}) {
		s.log.Warn("slack busy, mention dropped", "chat", m.Channel)
	}
}

// InteractionsHandler serves /slack/interactions: buttons whose action_id
// is newsbrief_command run the command in their value.
func (s *Server) InteractionsHandler() http.Handler {
	return s.verified(func(w http.ResponseWriter, r *http.Request, body []byte) {
		form, err := url.ParseQuery(string(body))
		var cb slack.InteractionCallback
		if err == nil {
			err = json.Unmarshal([]byte(form.Get("payload")), &cb)
		}
		if err != nil {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		s.interaction(cb)
		w.WriteHeader(http.StatusOK)
	})
}

func (s *Server) interaction(cb slack.InteractionCallback) {
	if cb.Type != slack.InteractionTypeBlockActions {
		return
	}
	for _, act := range cb.ActionCallback.BlockActions {
		if act.ActionID != actionCommand || !strings.HasPrefix(act.Value, "/") {
			continue
		}
		req := s.request(cb.Channel.ID, cb.User.ID, "", act.Value)
		if !s.enqueue(job{req: req, responseURL: cb.ResponseURL}) {
			s.log.Warn("slack busy, button dropped", "chat", cb.Channel.ID)
		}
	}
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

// RunSocketMode receives commands over a Socket Mode connection (no
// public URL needed; Options.AppToken required) and answers them until
// ctx ends. It runs its own workers, so Run is not needed with it.
func (s *Server) RunSocketMode(ctx context.Context) error {
	if s.a.opts.AppToken == "" {
		return errors.New("slack socket mode: no app token")
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	client := socketmode.New(s.a.api)
	var wg sync.WaitGroup
	wg.Go(func() { _ = s.Run(ctx) })
	var runErr error
	wg.Go(func() {
		runErr = client.RunContext(ctx)
		cancel()
	})
	for {
		select {
		case <-ctx.Done():
			wg.Wait()
			if runErr != nil && !errors.Is(runErr, context.Canceled) {
				return s.a.redact(fmt.Errorf("slack socket mode: %w", runErr))
			}
			return nil
		case ev := <-client.Events:
			s.socketEvent(ctx, client, ev)
		}
	}
}

// socketEvent acknowledges one Socket Mode event and queues its command.
func (s *Server) socketEvent(ctx context.Context, client *socketmode.Client, ev socketmode.Event) {
	var busy bool
	switch ev.Type {
	case socketmode.EventTypeSlashCommand:
		cmd, ok := ev.Data.(slack.SlashCommand)
		if !ok {
			return
		}
		req := s.request(cmd.ChannelID, cmd.UserID, "", commandText(cmd.Command, cmd.Text))
		busy = !s.enqueue(job{req: req, responseURL: cmd.ResponseURL})
	case socketmode.EventTypeEventsAPI:
		if e, ok := ev.Data.(slackevents.EventsAPIEvent); ok && e.Type == slackevents.CallbackEvent {
			s.event(e)
		}
	case socketmode.EventTypeInteractive:
		if cb, ok := ev.Data.(slack.InteractionCallback); ok {
			s.interaction(cb)
		}
	default:
		return
	}
	if ev.Request == nil {
		return
	}
	var payload any
	if busy {
		payload = map[string]string{"response_type": "ephemeral", "text": busyText}
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	if err := client.AckCtx(ctx, ev.Request.EnvelopeID, payload); err != nil {
		s.log.Warn("slack socket mode ack", "err", s.a.redact(err))
	}
}
