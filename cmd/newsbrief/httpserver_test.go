package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/store/sqlite"
)

// startHTTP runs `newsbrief run` with only the HTTP listener, on a free
// loopback port, with the given extra settings, and returns its address.
func startHTTP(t *testing.T, extra map[string]string) string {
	t.Helper()
	env := map[string]string{"NEWSBRIEF_DATA_DIR": t.TempDir(), "NEWSBRIEF_HTTP_LISTEN": "127.0.0.1:0",
		"NEWSBRIEF_CONSOLE": "false", "NEWSBRIEF_LOG_FORMAT": "json", "NEWSBRIEF_LOG_LEVEL": "info"}
	for k, v := range extra {
		env[k] = v
	}
	b := startBackground(t, env)
	logs := b.log
	t.Cleanup(func() {
		if err := b.stop(); err != nil {
			t.Errorf("run: %v", err)
		}
	})
	var addr string
	waitUntil(t, "the listening log line", func() bool {
		for l := range strings.Lines(logs.String()) {
			var rec struct{ Msg, Addr string }
			if json.Unmarshal([]byte(l), &rec) == nil && rec.Msg == "listening" {
				addr = rec.Addr
				return true
			}
		}
		return false
	})
	return addr
}

// closedWithin reports whether the server closes conn within limit; it
// reads and discards whatever the server sends meanwhile.
func closedWithin(conn net.Conn, limit time.Duration) bool {
	conn.SetReadDeadline(time.Now().Add(limit))
	_, err := io.Copy(io.Discard, conn)
	var ne net.Error
	return !(errors.As(err, &ne) && ne.Timeout())
}

// openFiles counts this process's file descriptors.
func openFiles(t *testing.T) int {
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skipf("cannot count file descriptors here (%v): the connection cap is not measured", err)
	}
	return len(entries)
}

// TestHTTPListenerShedsSlowAndIdleClients is the attack on the
// listener: idle keep-alive connections, a body sent a byte at a time, and
// more connections than the cap. Each slow client is cut off within the
// configured time-outs, the connections served at once stay under the
// cap, and /healthz still answers.
func TestHTTPListenerShedsSlowAndIdleClients(t *testing.T) {
	addr := startHTTP(t, map[string]string{"NEWSBRIEF_HTTP_READ_TIMEOUT": "1s", "NEWSBRIEF_HTTP_WRITE_TIMEOUT": "2s",
		"NEWSBRIEF_HTTP_IDLE_TIMEOUT": "1s", "NEWSBRIEF_HTTP_MAX_CONNECTIONS": "10"})

	t.Run("idle keep-alive", func(t *testing.T) {
		conn := dialHTTP(t, addr, "GET /healthz HTTP/1.1\r\nHost: nb\r\n\r\n")
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("GET /healthz = %v, %v", resp, err)
		}
		resp.Body.Close()
		if !closedWithin(conn, 5*time.Second) {
			t.Error("an idle keep-alive connection was still open 5s later (idle_timeout 1s)")
		}
	})

	t.Run("slow body", func(t *testing.T) {
		conn := dialHTTP(t, addr, "POST /healthz HTTP/1.1\r\nHost: nb\r\nContent-Length: 1000\r\n\r\n")
		stop := make(chan struct{})
		defer close(stop)
		go func() {
			tick := time.NewTicker(100 * time.Millisecond)
			defer tick.Stop()
			for {
				select {
				case <-stop:
					return
				case <-tick.C:
					if _, err := conn.Write([]byte("x")); err != nil {
						return
					}
				}
			}
		}()
		if !closedWithin(conn, 5*time.Second) {
			t.Error("a body sent a byte every 100ms kept its connection open 5s (read_timeout 1s)")
		}
	})

	t.Run("more connections than the cap", func(t *testing.T) { checkConnectionCap(t, addr) })
}

// failingStore is a store whose database is down, with an error that
// names its user, name and address as pgx's do.
type failingStore struct{ bot.Store }

func (failingStore) Outbox(context.Context) (int, error) {
	return 0, errors.New("failed to connect to `user=newsbrief database=newsbrief`: 10.1.2.3:5432 (db.internal): dial error: connection refused")
}

// TestReadyzTellsTheWorldNothing is the information leak: /readyz
// showed the database's user, name and address to anyone. It now says
// "not ready", and the log says why.
func TestReadyzTellsTheWorldNothing(t *testing.T) {
	s, err := sqlite.Open(t.Context(), ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var logs bytes.Buffer
	h := readyHandler(failingStore{s}, nil, slog.New(slog.NewTextHandler(&logs, nil)))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/readyz", nil))
	if rec.Code != http.StatusServiceUnavailable || strings.TrimSpace(rec.Body.String()) != "not ready" {
		t.Errorf("/readyz with the database down = %d %q, want 503 \"not ready\"", rec.Code, rec.Body.String())
	}
	if !strings.Contains(logs.String(), "10.1.2.3:5432") {
		t.Errorf("the log does not say why: %q", logs.String())
	}
	rec = httptest.NewRecorder()
	readyHandler(s, nil, slog.New(slog.DiscardHandler)).ServeHTTP(rec, httptest.NewRequest("GET", "/readyz", nil))
	if rec.Code != http.StatusOK {
		t.Errorf("/readyz with the database up = %d, want 200", rec.Code)
	}
}

// dialHTTP opens a connection to addr, closed at the test's end, and
// writes req on it.
func dialHTTP(t *testing.T, addr, req string) net.Conn {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	io.WriteString(conn, req)
	return conn
}

// checkConnectionCap opens 40 idle connections to addr, a listener capped
// at 10, and checks that the server holds no more than the cap and still
// answers /healthz.
func checkConnectionCap(t *testing.T, addr string) {
	before := openFiles(t)
	var conns []net.Conn
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	for range 40 {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	time.Sleep(300 * time.Millisecond) // let the server accept what it will
	// Our 40 ends, and the server's accepted ends: at most the cap of
	// 10, with room for files the rest of the process opened meanwhile
	// (database connections); without the cap it holds all 40.
	if served := openFiles(t) - before - len(conns); served > 20 {
		t.Errorf("the server holds %d connections of 40 idle ones, want at most the cap of 10", served)
	}
	client := &http.Client{Timeout: 15 * time.Second}
	resp, err := client.Get("http://" + addr + "/healthz")
	if err != nil {
		t.Fatalf("/healthz with 40 idle connections open: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("/healthz = %d, want 200", resp.StatusCode)
	}
}
