package main

import (
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/newsbrief/newsbrief/bot/bottest"
	"github.com/newsbrief/newsbrief/config"
)

// ttySession is the binary running on a pseudo-terminal, as in a person's
// terminal: standard input, output and error are the terminal, and Ctrl-C
// is the byte 3 typed into it.
type ttySession struct {
	t    *testing.T
	cmd  *exec.Cmd
	tty  *os.File
	out  bottest.Buffer
	done chan error
}

func startTTY(t *testing.T, bin string, env []string, args ...string) *ttySession {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 50, Cols: 100})
	if err != nil {
		t.Fatalf("start %v on a pty: %v", args, err)
	}
	s := &ttySession{t: t, cmd: cmd, tty: f, done: make(chan error, 1)}
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := f.Read(buf)
			s.out.Write(buf[:n])
			if err != nil {
				return // EIO once the process has gone
			}
		}
	}()
	go func() { s.done <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-s.done
		f.Close()
	})
	return s
}

// waitFor waits until the screen shows want.
func (s *ttySession) waitFor(want string, limit time.Duration) {
	s.t.Helper()
	deadline := time.Now().Add(limit)
	for !strings.Contains(s.out.String(), want) {
		if time.Now().After(deadline) {
			s.t.Fatalf("the terminal never showed %q:\n%s", want, s.out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// stop sends Ctrl-C or SIGTERM and returns how long the process took to
// exit, or limit if it had not by then.
func (s *ttySession) stop(how string, limit time.Duration) (time.Duration, bool) {
	s.t.Helper()
	start := time.Now()
	switch how {
	case "Ctrl-C":
		s.tty.Write([]byte{3})
	case "SIGTERM":
		s.cmd.Process.Signal(syscall.SIGTERM)
	}
	select {
	case <-s.done:
		s.done <- nil // for Cleanup
		return time.Since(start), true
	case <-time.After(limit):
		return limit, false
	}
}

// TestLongCommandsStopWithinASecond is the target: `run` with the
// console on, `demo` and `brief` reading a terminal each exit within one
// second of Ctrl-C and of SIGTERM, whether they wait for a line, hold half
// a typed line, or are answering a command.
func TestLongCommandsStopWithinASecond(t *testing.T) {
	longTest(t, "builds the binary and runs it on a pseudo-terminal")
	bin := buildBinary(t)
	feeds := writeFile(t, "bridge.txt", []byte(article))
	cases := []struct {
		name  string
		args  []string
		ready string // on screen once the command waits for the person
		typed string // typed before the signal
	}{
		{"run waiting", []string{"run"}, "> ", ""},
		{"run mid-line", []string{"run"}, "> ", "/summ"},
		{"run answering", []string{"run"}, "> ", "/summary\r"},
		{"demo waiting", []string{"demo"}, "> ", ""},
		{"demo answering", []string{"demo"}, "> ", "/summary trade\r"},
		{"brief waiting", []string{"brief"}, "end with Ctrl-D", ""},
		{"brief mid-article", []string{"brief"}, "end with Ctrl-D", "Title\rSome text\r"},
		{"hash-password waiting", []string{"web", "hash-password"}, "Password: ", ""},
		{"hash-password mid-password", []string{"web", "hash-password"}, "Password: ", "sesa"},
	}
	for _, tc := range cases {
		for _, how := range []string{"Ctrl-C", "SIGTERM"} {
			t.Run(tc.name+"/"+how, func(t *testing.T) {
				env := append(os.Environ(), "NEWSBRIEF_DATA_DIR="+t.TempDir(), "NEWSBRIEF_SOURCES="+feeds, "NEWSBRIEF_LOG_LEVEL=warn")
				s := startTTY(t, bin, env, tc.args...)
				s.waitFor(tc.ready, 60*time.Second)
				if tc.typed != "" {
					s.tty.WriteString(tc.typed)
					time.Sleep(50 * time.Millisecond)
				}
				took, ok := s.stop(how, 5*time.Second)
				if !ok || took > time.Second {
					t.Errorf("%v exited %v after %s, want within 1s; screen:\n%s", tc.args, took, how, s.out.String())
				} else {
					t.Logf("%v exited %v after %s", tc.args, took.Round(time.Millisecond), how)
				}
			})
		}
	}
}

// TestSecondCtrlCQuitsAtOnce: with a message in flight that the first
// Ctrl-C waits for (a slow Bot API), a second Ctrl-C ends the process at
// once.
func TestSecondCtrlCQuitsAtOnce(t *testing.T) {
	longTest(t, "builds the binary and runs it on a pseudo-terminal")
	bin := buildBinary(t)
	dir := t.TempDir()
	store, err := openStore(t.Context(), config.Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	seedDueChats(t, store, 1, 1000)
	store.Close()
	api := newBotAPI(t)
	// No answer: the brief stays in flight until its time-out.
	release := api.Hold("1000")
	defer release()
	env := append(os.Environ(), "NEWSBRIEF_DATA_DIR="+dir, "NEWSBRIEF_LOG_LEVEL=warn",
		"NEWSBRIEF_TELEGRAM_TOKEN=123:fake", "NEWSBRIEF_TELEGRAM_API_URL="+api.Endpoint())
	s := startTTY(t, bin, env, "run")
	s.waitFor("> ", 60*time.Second)
	waitUntil(t, "the brief to be in flight", func() bool { return api.OnWire("1000") > 0 })
	if took, ok := s.stop("Ctrl-C", time.Second); ok {
		t.Fatalf("run exited %v after the first Ctrl-C with a message in flight; the test proves nothing", took)
	}
	s.waitFor("press Ctrl-C again", time.Second)
	took, ok := s.stop("Ctrl-C", 5*time.Second)
	if !ok || took > time.Second {
		t.Fatalf("run exited %v after the second Ctrl-C, want at once; screen:\n%s", took, s.out.String())
	}
	t.Logf("the second Ctrl-C ended run in %v", took.Round(time.Millisecond))
}
