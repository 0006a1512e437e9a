package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/bot/bottest"
)

// emulatorScript starts the npm telegram-test-api emulator, whose module
// path and port it is given, on loopback, and says "ready" once it
// listens.
const emulatorScript = `
const TelegramServer = require(process.argv[2]);
const server = new TelegramServer({host: "127.0.0.1", port: Number(process.argv[3]), storeTimeout: 600});
server.start().then(() => console.log("ready"));
process.on("SIGTERM", () => server.stop().then(() => process.exit(0)));
`

// startEmulator runs the emulator and returns its base URL. The module is
// where NEWSBRIEF_TELEGRAM_TEST_API says (.ci/run installs it and sets
// it); without it the test skips, except in CI, where it must be there.
func startEmulator(t *testing.T) string {
	t.Helper()
	module := os.Getenv("NEWSBRIEF_TELEGRAM_TEST_API")
	if module == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("NEWSBRIEF_TELEGRAM_TEST_API is not set in CI: .ci/run installs the npm telegram-test-api emulator and sets it")
		}
		t.Skip("the npm telegram-test-api emulator is not installed: `npm install --prefix /tmp/tg telegram-test-api@4.2.1` and set NEWSBRIEF_TELEGRAM_TEST_API=/tmp/tg/node_modules/telegram-test-api (.ci/run does)")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("the emulator needs node: %v", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	script := filepath.Join(t.TempDir(), "emulator.js")
	os.WriteFile(script, []byte(emulatorScript), 0o644)
	cmd := exec.Command(node, script, module, fmt.Sprint(port))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("start the emulator: %v", err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
	})
	ready := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if sc.Text() == "ready" {
				ready <- true
			}
		}
		close(ready)
	}()
	select {
	case ok := <-ready:
		if !ok {
			t.Fatal("the emulator exited before it was ready")
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the emulator was not ready within 30s")
	}
	return fmt.Sprintf("http://127.0.0.1:%d", port)
}

// emulatorUser is one person in a private chat with the bot, talking
// through the emulator's client API.
type emulatorUser struct {
	t     *testing.T
	base  string
	token string
	id    int64
}

func (u emulatorUser) post(path string, body any, out any) {
	u.t.Helper()
	js, _ := json.Marshal(body)
	resp, err := http.Post(u.base+path, "application/json", bytes.NewReader(js))
	if err != nil {
		u.t.Fatalf("POST %s: %v", path, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		u.t.Fatalf("POST %s: %s", path, resp.Status)
	}
	if out != nil {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			u.t.Fatalf("POST %s: decode: %v", path, err)
		}
	}
}

// send types a command, as Telegram delivers it: with a bot_command
// entity over the command word.
func (u emulatorUser) send(text string) {
	u.t.Helper()
	word, _, _ := strings.Cut(text, " ")
	from := map[string]any{"id": u.id, "is_bot": false, "first_name": "Ada", "username": "ada"}
	u.post("/sendCommand", map[string]any{
		"botToken": u.token,
		"from":     from,
		"chat":     map[string]any{"id": u.id, "type": "private", "first_name": "Ada", "username": "ada"},
		"text":     text,
		"date":     time.Now().Unix(),
		"entities": []map[string]any{{"type": "bot_command", "offset": 0, "length": len(word)}},
	}, nil)
}

// replies returns the bot's messages to the user not read yet.
func (u emulatorUser) replies() []string {
	u.t.Helper()
	var got struct {
		Result []struct {
			Message struct {
				Text string `json:"text"`
			} `json:"message"`
		} `json:"result"`
	}
	u.post("/getUpdates", map[string]any{"token": u.token, "chatId": u.id}, &got)
	var texts []string
	for _, r := range got.Result {
		texts = append(texts, r.Message.Text)
	}
	return texts
}

// TestTelegramSessionOnTheEmulator is the target: `newsbrief run`
// against the npm telegram-test-api emulator, and a person's first
// session: ten commands in twenty seconds, a typo among them, each
// answered, none refused.
func TestTelegramSessionOnTheEmulator(t *testing.T) {
	longTest(t, "builds the binary and runs it against the emulator for about 25 s")
	base := startEmulator(t)
	const token = "123456:emulator-token"
	runOnEmulator(t, base, token)

	user := emulatorUser{t: t, base: base, token: token, id: 4242}
	// Each command, and a phrase of its answer; answers come in order.
	session := []struct{ command, answer string }{
		{"/start", "newsbrief sends a daily brief"},
		{"/help", "newsbrief sends a daily brief"},
		{"/subscribe climate", "Subscribed to climate."},
		{"/topics", "Topics on offer:"},
		{"/summary", "<b>1. "},
		{"/status", "Sources: 2, 2 healthy"},
		{"/summry", "Unknown command /summry. Try /help."},
		{"/summary trade", "<b>1. "},
		{"/schedule 08:00 Europe/Berlin", "The daily brief comes at 08:00 Europe/Berlin"},
		{"/unsubscribe climate", "Unsubscribed from climate."},
	}
	sent, answered, got := playSession(t, user, session)
	next := len(answered)
	for i, step := range session {
		if i >= next {
			t.Errorf("%s (sent at %v) got no answer with %q", step.command, sent[i].Round(time.Millisecond), step.answer)
			continue
		}
		t.Logf("%-30s sent at %5.1fs, answered %4.1fs later", step.command, sent[i].Seconds(), (answered[i] - sent[i]).Seconds())
	}
	if last := sent[len(sent)-1]; last > 20*time.Second {
		t.Errorf("the ten commands took %v to send, want 20s at most", last)
	}
	t.Logf("%d commands sent in %v; %d answered, in %d messages", len(session), sent[len(sent)-1].Round(time.Millisecond), next, got)
}

// runOnEmulator starts `newsbrief run` on the demo's feeds against the
// emulator at base, and waits until it runs; its log is shown if the test
// fails.
func runOnEmulator(t *testing.T, base, token string) {
	t.Helper()
	dir := t.TempDir()
	feeds, err := writeDemoFeeds(filepath.Join(dir, "feeds"))
	if err != nil {
		t.Fatal(err)
	}
	conf := writeFile(t, "newsbrief.yaml", []byte(`
topics:
  climate: {description: climate and energy, query: climate OR emissions}
  trade: {description: trade talks and deals, query: trade OR tariff}
sources: [`+strings.Join(feeds, ", ")+`]
backfill: 100
`))
	cmd := exec.Command(buildBinary(t), "run", "--config", conf)
	var logs bottest.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	cmd.Env = append(os.Environ(), "NEWSBRIEF_DATA_DIR="+dir, "NEWSBRIEF_CONSOLE=false", "NEWSBRIEF_LOG_FORMAT=text",
		"NEWSBRIEF_TELEGRAM_TOKEN="+token, "NEWSBRIEF_TELEGRAM_API_URL="+base+"/bot%s/%s")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
		if t.Failed() {
			t.Logf("newsbrief's log:\n%s", logs.String())
		}
	})
	waitUntil(t, "newsbrief to start", func() bool { return strings.Contains(logs.String(), "newsbrief running") })
}

// playSession sends the session's commands as a person would, one every
// two seconds, and matches the answers in order, waiting for the last at
// most 20s more. It returns when each command was sent and answered (as
// many as were), and how many messages came.
func playSession(t *testing.T, user emulatorUser, session []struct{ command, answer string }) (sent, answered []time.Duration, messages int) {
	t.Helper()
	const spacing = 2 * time.Second // a person reads the answer, then types the next
	type reply struct {
		text string
		at   time.Duration
	}
	var got []reply
	start := time.Now()
	sent = make([]time.Duration, len(session))
	collect := func() {
		for _, text := range user.replies() {
			got = append(got, reply{text, time.Since(start)})
		}
	}
	for i, step := range session {
		for time.Now().Before(start.Add(time.Duration(i) * spacing)) {
			collect()
			time.Sleep(100 * time.Millisecond)
		}
		sent[i] = time.Since(start)
		user.send(step.command)
	}
	deadline := time.Now().Add(20 * time.Second)
	next := 0
	answered = make([]time.Duration, len(session))
	for seen := 0; next < len(session) && time.Now().Before(deadline); {
		collect()
		for ; seen < len(got) && next < len(session); seen++ {
			if strings.Contains(got[seen].text, "Too many commands") {
				t.Errorf("a command was refused: %q", got[seen].text)
			}
			if strings.Contains(got[seen].text, session[next].answer) {
				answered[next] = got[seen].at
				next++
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	return sent, answered[:next], len(got)
}
