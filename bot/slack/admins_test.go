package slack

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/bot/slack/slacktest"
)

// TestOnlyAdminsChangeChannelSettings is the permission attack:
// any member of a channel could change its settings. Now only workspace
// admins and owners, and the users slack.admins names, may; a member gets
// an explanation only they see, and can still ask /summary.
func TestOnlyAdminsChangeChannelSettings(t *testing.T) {
	w := newWorld(t, Options{Admins: []string{"ULISTED"}})
	for user, role := range map[string]string{"UADMIN": "admin", "UOWNER": "owner", "UMEMBER": "member"} {
		w.fake.SetRole(user, role)
	}
	steps := []struct {
		user, command, text string
		want                string
	}{
		{"UMEMBER", "/subscribe", "ukraine", "Only this chat's admins"},
		{"UMEMBER", "/schedule", "08:00 UTC", "Only this chat's admins"},
		{"UNKNOWN", "/unsubscribe", "all", "Only this chat's admins"}, // users.info fails: not an admin
		{"UADMIN", "/subscribe", "ukraine", "Subscribed to ukraine"},
		{"UOWNER", "/schedule", "08:00 UTC", "The daily brief comes at 08:00 UTC"},
		{"ULISTED", "/unsubscribe", "ukraine", "Unsubscribed from ukraine"},
		{"UMEMBER", "/topics", "", "This chat follows no topics"},
	}
	for i, st := range steps {
		w.command(t, "C1", st.user, st.command, st.text)
		got := w.wait(t, i+1)[i]
		if !strings.Contains(got.Mrkdwn(), st.want) {
			t.Errorf("%s by %s in a channel = %q, want %q", st.command+" "+st.text, st.user, got.Mrkdwn(), st.want)
		}
		if got.Method != "response_url" || got.Response != "ephemeral" {
			t.Errorf("%s by %s: answered by %s (%s), want an ephemeral reply", st.command, st.user, got.Method, got.Response)
		}
	}
	calls := w.fake.UserInfoCalls()
	if calls != 4 {
		t.Errorf("users.info called %d times, want 4: once for each of UMEMBER, UNKNOWN, UADMIN and UOWNER, never for ULISTED", calls)
	}
}

// TestMembersRefusedByDefault is the attack as the issue found it: with
// no slack.admins set, any member changed a channel's settings.
func TestMembersRefusedByDefault(t *testing.T) {
	w := newWorld(t, Options{})
	w.command(t, "C1", "UMEMBER", "/subscribe", "ukraine")
	if got := w.wait(t, 1)[0]; !strings.Contains(got.Mrkdwn(), "Only this chat's admins") || got.Response != "ephemeral" {
		t.Errorf("/subscribe by a member, no slack.admins = %s %q, want an ephemeral refusal", got.Response, got.Mrkdwn())
	}
}

// TestReplayAnsweredOnce is the replay attack: the same signed
// request sent again within the five minutes was answered again. Now it is
// refused, whichever endpoint it is sent to.
func TestReplayAnsweredOnce(t *testing.T) {
	w := newWorld(t, Options{})
	form := url.Values{"command": {"/newsbrief"}, "text": {"help"}, "channel_id": {"C1"}, "user_id": {"U1"},
		"response_url": {w.fake.ResponseURL()}, "team_id": {"T1"}}.Encode()
	h := http.Header{}
	slacktest.Sign(h, form, time.Now(), testSecret)
	if code, _ := w.post(t, "/slack/commands", "application/x-www-form-urlencoded", form, h); code != http.StatusOK {
		t.Fatalf("the first request = %d, want 200", code)
	}
	for _, path := range []string{"/slack/commands", "/slack/commands", "/slack/events", "/slack/interactions"} {
		if code, _ := w.post(t, path, "application/x-www-form-urlencoded", form, h); code != http.StatusUnauthorized {
			t.Errorf("the same request again to %s = %d, want 401", path, code)
		}
	}
	// A later command in the channel is answered after anything queued
	// before it: once its answer is in, a replay let through would have
	// been answered too.
	w.command(t, "C1", "U1", "/newsbrief", "topics")
	if got := w.wait(t, 2); strings.Contains(got[1].Mrkdwn(), "newsbrief sends") {
		t.Errorf("the request was answered twice: %+v", got)
	}
}

// TestReplayGuardBounded checks that the guard forgets signatures once
// they are too old to pass the signature check, and never holds more than
// its bound.
func TestReplayGuardBounded(t *testing.T) {
	g := newReplayGuard(3)
	t0 := time.Now()
	for i, sig := range []string{"a", "b", "c", "d"} {
		if !g.first(sig, t0.Add(time.Duration(i)*time.Second)) {
			t.Errorf("first(%q) = false, want true", sig)
		}
	}
	if g.n != 3 || len(g.seen) != 3 {
		t.Errorf("guard holds %d (map %d), want the bound 3", g.n, len(g.seen))
	}
	if g.first("d", t0.Add(5*time.Second)) {
		t.Error("first(d) again = true, want the replay refused")
	}
	if !g.first("a", t0.Add(5*time.Second)) {
		t.Error("first(a) after it was pushed out = false; the oldest should go first")
	}
	if !g.first("d", t0.Add(replayKeep+time.Minute)) {
		t.Error("first(d) after replayKeep = false, want it forgotten")
	}
	if g.n != 1 || len(g.seen) != 1 {
		t.Errorf("after replayKeep the guard holds %d (map %d), want only the newest", g.n, len(g.seen))
	}
}
