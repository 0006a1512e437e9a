package slack

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
)

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
		req.ChatTitle = channelTitle(form.Get("channel_name"))
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
		req.ChatTitle = channelTitle(cb.Channel.Name)
		if !s.enqueue(job{req: req, responseURL: cb.ResponseURL}) {
			s.log.Warn("slack busy, button dropped", "chat", cb.Channel.ID)
		}
	}
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}
