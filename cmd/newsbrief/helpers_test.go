package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/bottest"
	"github.com/newsbrief/newsbrief/bot/telegram/telegramtest"
)

// The helpers the command's tests share: run in the test's process, the
// bot in the background, the built binary, and several instances of it on
// one PostgreSQL.

// runEnv calls run as main would, with env as the whole environment and
// stdin as standard input, and returns what it printed.
func runEnv(t *testing.T, env map[string]string, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err = run(t.Context(), args, func(k string) string { return env[k] }, strings.NewReader(stdin), &out, &errOut)
	return out.String(), errOut.String(), err
}

// runCmd calls run with an empty environment.
func runCmd(t *testing.T, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	return runEnv(t, nil, stdin, args...)
}

// runIn calls run with NEWSBRIEF_DATA_DIR set to dataDir. Nothing run
// prints to a non-terminal may hold a control character: the progress
// line is for terminals only.
func runIn(t *testing.T, dataDir string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	stdout, stderr, err = runEnv(t, map[string]string{"NEWSBRIEF_DATA_DIR": dataDir}, "", args...)
	if strings.ContainsAny(stdout+stderr, "\r\x1b") {
		t.Errorf("run(%q) printed control characters to a non-terminal:\nstdout: %q\nstderr: %q", args, stdout, stderr)
	}
	return stdout, stderr, err
}

// mustRunErr is runIn for commands that must succeed.
func mustRunErr(t *testing.T, dataDir string, args ...string) (stdout, stderr string) {
	t.Helper()
	out, errOut, err := runIn(t, dataDir, args...)
	if err != nil {
		t.Fatalf("run(%q) error: %v\nstderr: %s", args, err, errOut)
	}
	return out, errOut
}

// mustRun is mustRunErr without stderr.
func mustRun(t *testing.T, dataDir string, args ...string) string {
	t.Helper()
	out, _ := mustRunErr(t, dataDir, args...)
	return out
}

// background is `newsbrief run` in a goroutine of the test, its console
// reading a pipe the test writes.
type background struct {
	stdin    *os.File
	out, log *bottest.Buffer
	cancel   context.CancelFunc
	done     chan error
}

// startBackground starts `newsbrief run` with env as the environment.
func startBackground(t *testing.T, env map[string]string) *background {
	t.Helper()
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	b := &background{stdin: pw, out: new(bottest.Buffer), log: new(bottest.Buffer), cancel: cancel, done: make(chan error, 1)}
	go func() { b.done <- run(ctx, []string{"run"}, func(k string) string { return env[k] }, pr, b.out, b.log) }()
	t.Cleanup(func() {
		if b.done != nil {
			b.stop()
		}
	})
	return b
}

// stop ends run as SIGTERM would and returns its error, or an error if it
// does not stop within 10 seconds.
func (b *background) stop() error {
	b.cancel()
	b.stdin.Close()
	defer func() { b.done = nil }()
	select {
	case err := <-b.done:
		return err
	case <-time.After(10 * time.Second):
		return fmt.Errorf("run did not stop within 10s of its context ending")
	}
}

// wantAll fails the test for each of wants that text, what printed,
// lacks.
func wantAll(t *testing.T, what, text string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, text)
		}
	}
}

// jsonLines decodes out, one JSON object a line, failing on a field T does
// not have and, if fields > 0, on a line with another number of fields.
func jsonLines[T any](t *testing.T, out string, fields int) []T {
	t.Helper()
	var got []T
	for l := range strings.Lines(out) {
		dec := json.NewDecoder(strings.NewReader(l))
		dec.DisallowUnknownFields()
		var v T
		if err := dec.Decode(&v); err != nil {
			t.Fatalf("JSON line %q: %v", l, err)
		}
		var all map[string]any
		if err := json.Unmarshal([]byte(l), &all); err != nil {
			t.Fatal(err)
		}
		if fields > 0 && len(all) != fields {
			t.Errorf("JSON line has %d fields, want %d: %s", len(all), fields, l)
		}
		got = append(got, v)
	}
	return got
}

// column returns the string field called name of each of xs.
func column[T any](xs []T, name string) []string {
	var out []string
	for _, x := range xs {
		out = append(out, reflect.ValueOf(x).FieldByName(name).String())
	}
	return out
}

// longTest skips a test that takes long with -short; what says what it does.
func longTest(t *testing.T, what string) {
	t.Helper()
	if testing.Short() {
		t.Skip(what + "; skipped with -short")
	}
}

// buildBinary builds newsbrief into a temporary folder for tests that run
// the real process.
func buildBinary(tb testing.TB) string {
	tb.Helper()
	bin := filepath.Join(tb.TempDir(), "newsbrief")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		tb.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// fakeTelegramEnv is the environment that points run at api, with the
// console off.
func fakeTelegramEnv(api botAPI) []string {
	return []string{"NEWSBRIEF_CONSOLE=false", "NEWSBRIEF_TELEGRAM_TOKEN=123:fake", "NEWSBRIEF_TELEGRAM_API_URL=" + api.Endpoint()}
}

// startBinary starts `bin run` with env added to the test's environment
// and its stderr on the test's; the test's end kills it if it still runs.
func startBinary(t testing.TB, bin string, env ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(bin, "run")
	cmd.Env = append(os.Environ(), env...)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})
	return cmd
}

// stopAll sends SIGTERM to every process and checks that each exits
// cleanly.
func stopAll(t *testing.T, procs ...*exec.Cmd) {
	t.Helper()
	for _, p := range procs {
		p.Process.Signal(syscall.SIGTERM)
	}
	for _, p := range procs {
		if err := p.Wait(); err != nil {
			t.Errorf("instance exited with %v after SIGTERM", err)
		}
	}
}

// sharedPostgres returns the URL of a fresh schema on the PostgreSQL
// that NEWSBRIEF_TEST_POSTGRES names, and skips the test without it.
func sharedPostgres(t *testing.T) string {
	t.Helper()
	base := os.Getenv("NEWSBRIEF_TEST_POSTGRES")
	if base == "" {
		t.Skip("NEWSBRIEF_TEST_POSTGRES is not set: the several-instance test needs PostgreSQL; .ci/run sets it")
	}
	return freshPostgresSchema(t, base)
}

// startInstances starts n `run` processes of bin on the database at dbURL,
// each with its own data folder, with env added.
func startInstances(t *testing.T, bin, dbURL string, n int, env ...string) []*exec.Cmd {
	t.Helper()
	dir := t.TempDir()
	procs := make([]*exec.Cmd, n)
	for i := range procs {
		procs[i] = startBinary(t, bin, append([]string{"NEWSBRIEF_DATABASE=" + dbURL,
			"NEWSBRIEF_DATA_DIR=" + filepath.Join(dir, fmt.Sprint(i))}, env...)...)
	}
	return procs
}

// freshPostgresSchema makes an empty schema for one test and returns a URL
// whose connections use it.
func freshPostgresSchema(t *testing.T, base string) string {
	t.Helper()
	name := fmt.Sprintf("nb_instances_%d", time.Now().UnixNano())
	conn, err := pgx.Connect(t.Context(), base)
	if err != nil {
		t.Fatalf("connect to NEWSBRIEF_TEST_POSTGRES: %v", err)
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(t.Context(), "CREATE SCHEMA "+pgx.Identifier{name}.Sanitize()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(context.Background(), base)
		if err == nil {
			c.Exec(context.Background(), "DROP SCHEMA "+pgx.Identifier{name}.Sanitize()+" CASCADE")
			c.Close(context.Background())
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	return u.String()
}

// botAPI is the shared fake Bot API with what these tests read of it.
type botAPI struct{ *telegramtest.Server }

// newBotAPI starts a fake Bot API for the token fakeTelegramEnv gives.
func newBotAPI(tb testing.TB) botAPI { return botAPI{telegramtest.NewServer(tb, "123:fake")} }

// allSent reports whether each of the n chats from first got a message.
func (a botAPI) allSent(first, n int) bool {
	for i := range n {
		if len(a.Texts(fmt.Sprint(first+i))) == 0 {
			return false
		}
	}
	return true
}

// command queues a command from user in a private chat of the same id.
func (a botAPI) command(user int64, text string) { a.Command(user, "private", user, text) }

// seedDueChats stores n Telegram chats, IDs from firstID, whose daily
// brief (a quiet-day note when there is no news) is due now.
func seedDueChats(tb testing.TB, store bot.Store, n, firstID int) {
	tb.Helper()
	due := time.Now().Add(-time.Minute)
	for i := range n {
		cs := bot.ChatSettings{Chat: bot.ChatRef{Platform: "telegram", ID: fmt.Sprint(firstID + i)},
			Schedule: "00:00 UTC daily", QuietDayNotice: true, NextDigest: due}
		if err := store.SaveChat(tb.Context(), cs); err != nil {
			tb.Fatal(err)
		}
	}
}
