package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"golang.org/x/term"

	"github.com/newsbrief/newsbrief/bot/slack"
	"github.com/newsbrief/newsbrief/bot/telegram"
	"github.com/newsbrief/newsbrief/bot/web"
	"github.com/newsbrief/newsbrief/sources"
)

// startWeb mounts the operator's console under / on the HTTP listener,
// if a password hash is set. The routes the mux has already (/metrics,
// /healthz, /readyz, the webhooks) are more specific, so they stay where
// they are, outside the login.
func (d *daemon) startWeb() error {
	c := d.cfg.Web
	if c.AdminPasswordHash == "" {
		return nil
	}
	console, err := web.New(web.Options{
		Store: d.store, Bot: d.bot, PasswordHash: c.AdminPasswordHash.Reveal(),
		BehindProxy: c.BehindProxy, SessionLifetime: c.SessionLifetime,
		AllowPrivateSources: d.cfg.Sources.AllowPrivateLinks,
		RateLimited:         d.metrics.rateLimited,
		OPML:                web.OPML{Parse: parseOPML, Write: writeOPML},
		Preview:             previewers,
		RedactURL:           sources.RedactURL, Log: d.log,
	})
	if err != nil {
		return usagef("web.admin_password_hash: %v", err)
	}
	d.mux.Handle("/", console)
	return nil
}

// previewers are the adapters' renderers, each showing on the console's
// Preview page what its platform would.
var previewers = []web.Renderer{{Platform: "Telegram", Render: telegram.Preview}, {Platform: "Slack", Render: slack.Preview}}

// parseOPML and writeOPML are sources' OPML code as the console takes it.
func parseOPML(r io.Reader) ([]web.Feed, error) {
	subs, err := sources.ParseOPML(r)
	if err != nil {
		return nil, err
	}
	feeds := make([]web.Feed, len(subs))
	for i, s := range subs {
		feeds[i] = web.Feed{Title: s.Title, URL: s.FeedURL}
	}
	return feeds, nil
}

func writeOPML(w io.Writer, title string, feeds []web.Feed) error {
	subs := make([]sources.Subscription, len(feeds))
	for i, f := range feeds {
		subs[i] = sources.Subscription{Title: f.Title, FeedURL: f.URL}
	}
	return sources.WriteOPML(w, title, subs)
}

// runHashPassword is `newsbrief web hash-password`: it reads a password,
// without echo on a terminal (twice, to catch a typo), else the first
// line of standard input, and prints its argon2id hash for
// web.admin_password_hash.
func runHashPassword(ctx context.Context, m *Main, args []string) error {
	var password string
	if m.stdin.file != nil {
		first, err := readHidden(ctx, m.stdin.file, m.stderr, "Password: ")
		if err != nil {
			return err
		}
		again, err := readHidden(ctx, m.stdin.file, m.stderr, "Again: ")
		if err != nil {
			return err
		}
		if first != again {
			return errors.New("web hash-password: the two passwords differ; nothing was printed")
		}
		password = first
	} else {
		line, err := bufio.NewReader(m.stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("web hash-password: %w", err)
		}
		password = strings.TrimRight(line, "\r\n")
	}
	if password == "" {
		return usagef("web hash-password: the password is empty; type one, or pipe it on standard input")
	}
	if utf8.RuneCountInString(password) < 8 {
		return usagef("web hash-password: a password shorter than 8 characters is too easy to guess; use at least 8")
	}
	hash, err := web.HashPassword(password)
	if err != nil {
		return fmt.Errorf("web hash-password: %w", err)
	}
	_, err = fmt.Fprintln(m.stdout, hash)
	return err
}

// readHidden reads a line from the terminal f without echoing it. A read
// of a terminal cannot be interrupted, so it runs in a goroutine: when
// ctx ends (Ctrl-C) the terminal gets its echo back and readHidden
// returns ctx's error at once; the goroutine ends with the process.
func readHidden(ctx context.Context, f *os.File, stderr io.Writer, prompt string) (string, error) {
	fd := int(f.Fd())
	state, err := term.GetState(fd)
	if err != nil {
		return "", fmt.Errorf("web hash-password: read the password: %w", err)
	}
	fmt.Fprint(stderr, prompt)
	type line struct {
		b   []byte
		err error
	}
	read := make(chan line, 1)
	go func() {
		b, err := term.ReadPassword(fd)
		read <- line{b, err}
	}()
	select {
	case <-ctx.Done():
		term.Restore(fd, state)
		return "", ctx.Err()
	case l := <-read:
		fmt.Fprintln(stderr)
		if l.err != nil {
			return "", fmt.Errorf("web hash-password: read the password: %w", l.err)
		}
		return string(l.b), nil
	}
}
