package telegramtest

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// call posts a Bot API call with form to the fake and returns the status
// and the answer.
func call(t *testing.T, s *Server, token, method string, form url.Values) (int, map[string]any) {
	t.Helper()
	resp, err := http.PostForm(s.URL+"/bot"+token+"/"+method, form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatalf("%s: %v", method, err)
	}
	return resp.StatusCode, body
}

// TestServerRefusesAsTelegram: the fake refuses what Telegram refuses, so
// that a test passing against it means something.
func TestServerRefusesAsTelegram(t *testing.T) {
	s := NewServer(t, "1:right")
	tests := []struct {
		name, token string
		form        url.Values
		want        int
	}{
		{"wrong token", "1:wrong", url.Values{"chat_id": {"1"}, "text": {"hi"}}, http.StatusUnauthorized},
		{"unbalanced HTML", "1:right", url.Values{"chat_id": {"1"}, "text": {"<b>hi"}, "parse_mode": {"HTML"}}, http.StatusBadRequest},
		{"raw ampersand", "1:right", url.Values{"chat_id": {"1"}, "text": {"a & b"}, "parse_mode": {"HTML"}}, http.StatusBadRequest},
		{"button without action", "1:right", url.Values{"chat_id": {"1"}, "text": {"hi"},
			"reply_markup": {`{"inline_keyboard":[[{"text":"More"}]]}`}}, http.StatusBadRequest},
		{"good", "1:right", url.Values{"chat_id": {"1"}, "text": {"<b>a &amp; b</b>"}, "parse_mode": {"HTML"}}, http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if code, body := call(t, s, tt.token, "sendMessage", tt.form); code != tt.want {
				t.Errorf("sendMessage(%v) = %d %v, want %d", tt.form, code, body, tt.want)
			}
		})
	}
	if got := s.Messages(); len(got) != 1 || got[0].Text != "<b>a &amp; b</b>" {
		t.Errorf("Messages() = %+v, want the good message only", got)
	}
	if got := len(s.Refused()); got != 2 {
		t.Errorf("Refused() holds %d messages, want the 2 with bad HTML", got)
	}
}

// TestUpdatesServedOnce: a queued command goes to one poll only, as to
// the one poller Telegram allows.
func TestUpdatesServedOnce(t *testing.T) {
	s := NewServer(t, "")
	s.Command(42, "private", 7, "/help now")
	_, first := call(t, s, "1:x", "getUpdates", url.Values{"timeout": {"0"}})
	_, second := call(t, s, "1:x", "getUpdates", url.Values{"timeout": {"0"}})
	ups, _ := first["result"].([]any)
	if len(ups) != 1 || !strings.Contains(mustJSON(t, ups[0]), `"text":"/help now"`) || !strings.Contains(mustJSON(t, ups[0]), `"bot_command"`) {
		t.Errorf("first getUpdates = %v, want the command, marked as one", first)
	}
	if again, _ := second["result"].([]any); len(again) != 0 {
		t.Errorf("second getUpdates = %v, want nothing: the update was served", second)
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	js, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(js)
}
