package slack

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"
)

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
		req.ChatTitle = channelTitle(cmd.ChannelName)
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
