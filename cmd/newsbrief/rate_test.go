package main

import (
	"slices"
	"testing"
	"time"
)

// busiestSecond returns the most messages that arrived within any one
// second: the count the Bot API's limit is about.
func busiestSecond(stamps []time.Time) int {
	ts := slices.Clone(stamps)
	slices.SortFunc(ts, time.Time.Compare)
	most, j := 0, 0
	for i := range ts {
		for ts[i].Sub(ts[j]) >= time.Second {
			j++
		}
		most = max(most, i-j+1)
	}
	return most
}

// TestThreeInstancesCommandsShareTheRate runs three real processes on one
// PostgreSQL against a fake Telegram: 400 chats' daily briefs are due at
// once while other chats send five /help a second. Replies take their
// slots from the same shared budget as the briefs, so no second at the
// Bot API holds more than 30 messages; command replies used to bypass it
// (35 in a second).
func TestThreeInstancesCommandsShareTheRate(t *testing.T) {
	longTest(t, "runs three processes for about 20 s")
	const chats = 400
	dbURL := sharedPostgres(t)
	bin := buildBinary(t)
	seedPostgres(t, dbURL, chats)
	api := newBotAPI(t)
	procs := startInstances(t, bin, dbURL, 3, append(fakeTelegramEnv(api), "NEWSBRIEF_LOG_LEVEL=error")...)

	// Five commands a second, each from a chat of its own, until every
	// brief is out.
	commands := 0
	tick := time.NewTicker(200 * time.Millisecond)
	deadline := time.Now().Add(2 * time.Minute)
	for !api.allSent(5000, chats) {
		if time.Now().After(deadline) {
			n, c := api.Count()
			t.Fatalf("after 2 minutes %d messages to %d chats, want every one of the %d briefed", n, c, chats)
		}
		<-tick.C
		api.command(int64(900000+commands), "/help")
		commands++
	}
	tick.Stop()
	waitUntilFor(t, "the replies to every command", time.Minute, func() bool { return api.allSent(900000, commands) })
	stopAll(t, procs...)

	var stamps []time.Time
	for _, m := range api.Messages() {
		stamps = append(stamps, m.At)
	}
	most := busiestSecond(stamps)
	t.Logf("3 instances: %d briefs and %d command replies, %d messages in all; at most %d in one second", chats, commands, len(stamps), most)
	if most > 30 {
		t.Errorf("%d messages reached the Bot API within one second, want at most 30", most)
	}
	if len(stamps) != chats+commands {
		t.Errorf("%d messages for %d briefs and %d commands: some went twice or not at all", len(stamps), chats, commands)
	}
}
