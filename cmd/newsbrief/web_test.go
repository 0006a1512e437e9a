package main

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/alexedwards/argon2id"

	"github.com/newsbrief/newsbrief/bot/store/postgres"
	"github.com/newsbrief/newsbrief/config"
)

func TestWebHashPassword(t *testing.T) {
	out, _, err := runCmd(t, "correct horse battery\n", "web", "hash-password")
	if err != nil {
		t.Fatalf("web hash-password: %v", err)
	}
	hash := strings.TrimSpace(out)
	if ok, err := argon2id.ComparePasswordAndHash("correct horse battery", hash); !ok || err != nil {
		t.Errorf("web hash-password printed %q, which does not check against the password: %v", hash, err)
	}
	// The hash is one the configuration takes.
	cfg := config.Default()
	cfg.HTTP.Listen, cfg.Web.AdminPasswordHash = "127.0.0.1:0", config.Secret(hash)
	if errs := cfg.Validate(); len(errs) != 0 {
		t.Errorf("Validate with the printed hash = %v, want no problem", errs)
	}
	for _, in := range []string{"", "\n", "short\n", "€€€\n"} { // 9 bytes, 3 characters
		if out, _, err := runCmd(t, in, "web", "hash-password"); err == nil || exitCode(err) != exitUsage || out != "" {
			t.Errorf("web hash-password with %q = %q, %v; want a usage error and nothing printed", in, out, err)
		}
	}
}

// TestWebConsoleSharedSessions runs two daemons' HTTP muxes over one
// PostgreSQL database, as two instances behind a load balancer: a sign-in
// on one is good on the other, and sign-out on the other ends it on both.
// /metrics and /healthz stay outside the login.
func TestWebConsoleSharedSessions(t *testing.T) {
	db := sharedPostgres(t)
	hash, err := argon2id.CreateHash("correct horse battery", &argon2id.Params{Memory: 1024, Iterations: 1, Parallelism: 1, SaltLength: 16, KeyLength: 32})
	if err != nil {
		t.Fatal(err)
	}
	cfg := config.Default()
	cfg.HTTP.Listen, cfg.Web.AdminPasswordHash = "127.0.0.1:0", config.Secret(hash)
	var urls []string
	for range 2 {
		store, err := postgres.Open(t.Context(), db)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { store.Close() })
		d := newDaemon(cfg, nil, store, slog.New(slog.DiscardHandler))
		if err := d.startWeb(); err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(d.mux)
		t.Cleanup(srv.Close)
		urls = append(urls, srv.URL)
	}
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(u string) (*http.Response, string) {
		t.Helper()
		resp, err := c.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}
	for _, path := range []string{"/metrics", "/healthz"} {
		if resp, _ := get(urls[0] + path); resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s signed out = %s, want 200: it stays outside the console's login", path, resp.Status)
		}
	}
	_, page := get(urls[0] + "/login")
	token := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindStringSubmatch(page)
	if token == nil {
		t.Fatalf("the login page has no CSRF token:\n%s", page)
	}
	resp, err := c.PostForm(urls[0]+"/login", url.Values{"csrf": {token[1]}, "password": {"correct horse battery"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in on instance A = %s, want 303", resp.Status)
	}
	// The cookie jar is per host, and both listen on 127.0.0.1: the
	// session cookie set by A goes to B too, as behind one balancer.
	resp, body := get(urls[1] + "/")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "<h1>Overview</h1>") {
		t.Fatalf("GET / on instance B with A's session = %s, want the overview:\n%s", resp.Status, body)
	}
	csrf := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindStringSubmatch(body)
	a, _ := url.Parse(urls[0])
	saved := jar.Cookies(a) // sent again after sign-out: the server must refuse them
	resp, err = c.PostForm(urls[1]+"/logout", url.Values{"csrf": {csrf[1]}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	jar.SetCookies(a, saved)
	if resp, _ := get(urls[0] + "/"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("GET / on A after sign-out on B = %s, want 303 to the login", resp.Status)
	}
}

// TestWebHashPasswordOnTerminal types the password on a terminal: it is
// asked twice and never shown, and only the hash is printed.
func TestWebHashPasswordOnTerminal(t *testing.T) {
	longTest(t, "builds the binary and runs it on a pty")
	s := startTTY(t, buildBinary(t), nil, "web", "hash-password")
	s.waitFor("Password: ", 10*time.Second)
	s.tty.Write([]byte("sesame-street-42\r"))
	s.waitFor("Again: ", 10*time.Second)
	s.tty.Write([]byte("sesame-street-42\r"))
	s.waitFor("$argon2id$", 10*time.Second)
	if err := <-s.done; err != nil {
		t.Fatalf("web hash-password on a terminal: %v\n%s", err, s.out.String())
	}
	s.done <- nil // for the cleanup
	screen := s.out.String()
	if strings.Contains(screen, "sesame") {
		t.Errorf("the terminal showed the password:\n%s", screen)
	}
	hash := screen[strings.Index(screen, "$argon2id$"):]
	hash = strings.TrimSpace(hash)
	if ok, err := argon2id.ComparePasswordAndHash("sesame-street-42", hash); !ok || err != nil {
		t.Errorf("printed %q, which does not check against the password typed: %v", hash, err)
	}
}
