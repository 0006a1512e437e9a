package telegramtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Command queues a message with text from user in chat, of chatType
// ("private", "group", "supergroup", "channel"), for getUpdates; a
// leading /word is marked as a bot command, as Telegram does.
func (s *Server) Command(chat int64, chatType string, user int64, text string) {
	msg := map[string]any{"date": 0, "text": text,
		"from": map[string]any{"id": user, "is_bot": false, "first_name": "U"},
		"chat": chatOf(chat, chatType)}
	if word, _, _ := strings.Cut(text, " "); strings.HasPrefix(word, "/") {
		msg["entities"] = []map[string]any{{"type": "bot_command", "offset": 0, "length": len(word)}}
	}
	s.queue(func(id int) map[string]any {
		msg["message_id"] = id
		return map[string]any{"message": msg}
	})
}

// chatOf is the chat object of an update, named as Telegram names it: a
// group or channel by its title ("Chat <id>"), a private chat by the
// user's first and last name ("Ulla Berg").
func chatOf(id int64, chatType string) map[string]any {
	if chatType == "private" {
		return map[string]any{"id": id, "type": chatType, "first_name": "Ulla", "last_name": "Berg"}
	}
	return map[string]any{"id": id, "type": chatType, "title": fmt.Sprintf("Chat %d", id)}
}

// Press queues the press, by user, of an inline button with data under a
// message in chat (in topic thread, unless 0); id is the callback query's.
func (s *Server) Press(id string, chat int64, chatType string, thread int, user int64, data string) {
	s.queue(func(int) map[string]any { return PressUpdate(id, chat, chatType, thread, user, data) })
}

// PressUpdate is the update of a button press (see Press), without its
// update_id, for a test to post to a webhook.
func PressUpdate(id string, chat int64, chatType string, thread int, user int64, data string) map[string]any {
	msg := map[string]any{"message_id": 1, "date": 0, "text": "the digest",
		"from": map[string]any{"id": 1, "is_bot": true, "first_name": "News"},
		"chat": chatOf(chat, chatType)}
	if thread != 0 {
		msg["message_thread_id"], msg["is_topic_message"] = thread, true
	}
	return map[string]any{"callback_query": map[string]any{"id": id, "chat_instance": "1", "data": data,
		"from": map[string]any{"id": user, "is_bot": false, "first_name": "U"}, "message": msg}}
}

// queue adds the update build returns, given its id, and wakes a waiting
// long poll.
func (s *Server) queue(build func(id int) map[string]any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	u := build(s.nextID)
	u["update_id"] = s.nextID
	js, err := json.Marshal(u)
	if err != nil {
		panic(err) // maps of JSON values only
	}
	s.updates = append(s.updates, js)
	close(s.arrived)
	s.arrived = make(chan struct{})
}

// maxPoll bounds how long the fake holds a long poll, whatever timeout
// the client asks for.
const maxPoll = 2 * time.Second

// getUpdates answers the updates queued and not yet served; with none it
// holds the call until one comes or the timeout the client asked for
// passes. Each update is served once, as to the one poller Telegram
// allows, so that instances polling side by side never get the same one.
func (s *Server) getUpdates(w http.ResponseWriter, r *http.Request) {
	secs, _ := strconv.Atoi(r.Form.Get("timeout"))
	wait := time.NewTimer(min(time.Duration(secs)*time.Second, maxPoll))
	defer wait.Stop()
	for {
		s.mu.Lock()
		out := s.updates
		s.updates = nil
		arrived := s.arrived
		s.mu.Unlock()
		if len(out) > 0 {
			WriteResult(w, out)
			return
		}
		select {
		case <-arrived:
			continue
		case <-wait.C:
		case <-r.Context().Done():
		case <-s.done:
		}
		WriteResult(w, []json.RawMessage{})
		return
	}
}
