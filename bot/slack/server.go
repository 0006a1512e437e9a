package slack

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/newsbrief/newsbrief/bot"
)

// Server receives Slack's commands, over HTTP or Socket Mode, and runs
// them on a bounded set of workers: Slack wants an answer within 3
// seconds and a brief can take longer, so requests are acknowledged at
// once and answered later. Run (or RunSocketMode) must be running for the
// commands to be answered.
type Server struct {
	a      *Adapter
	h      bot.Handler
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
func NewServer(a *Adapter, h bot.Handler, log *slog.Logger) *Server {
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
		if err := a.pacing().Turn(ctx, m.Chat, i); err != nil {
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
