package telegram

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/newsbrief/newsbrief/bot"
)

// callTimeout bounds every call but getUpdates.
const callTimeout = 15 * time.Second

// ctxClient gives the library's requests, made without a context, the
// context of the call: the library takes none, so each call gets a shallow
// copy of the client with this shim, which lives no longer than the call.
type ctxClient struct {
	ctx  context.Context
	c    tgbotapi.HTTPClient
	seen *answer // the answer's status and start, for errors without a description
}

func (c ctxClient) Do(r *http.Request) (*http.Response, error) {
	resp, err := c.c.Do(r.WithContext(c.ctx))
	if err == nil && c.seen != nil {
		c.seen.status, c.seen.code = resp.Status, resp.StatusCode
		resp.Body = teeBody{io.TeeReader(resp.Body, &c.seen.start), resp.Body}
	}
	return resp, err
}

// answer is what the Bot API answered to a call: enough to say what went
// wrong when its JSON has no description (a proxy's error page, an
// emulator that lacks the method).
type answer struct {
	status string
	code   int
	start  capped
}

// describe gives a Bot API error without a description the HTTP status
// and the start of the body instead, so that no error reads "bot api 0: ";
// redact takes the token out of the body.
func (s *answer) describe(err error, redact func(string) string) error {
	var tgErr *tgbotapi.Error
	if !errors.As(err, &tgErr) || tgErr.Message != "" || s.status == "" {
		return err
	}
	body := redact(strings.Join(strings.Fields(s.start.String()), " "))
	msg := "HTTP " + s.status + " with no description"
	if body != "" {
		msg += ": " + body
	}
	return &tgbotapi.Error{Code: cmp.Or(tgErr.Code, s.code), Message: msg, ResponseParameters: tgErr.ResponseParameters}
}

// capped keeps the first bytes written to it.
type capped struct{ bytes.Buffer }

const maxAnswerStart = 300

func (c *capped) Write(p []byte) (int, error) {
	if room := maxAnswerStart - c.Len(); room > 0 {
		c.Buffer.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}

type teeBody struct {
	io.Reader
	io.Closer
}

// call makes one Bot API request with its own time-out; its error never
// holds the token.
func (a *Adapter) call(ctx context.Context, timeout time.Duration, method string, p tgbotapi.Params) (json.RawMessage, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	api := *a.api
	seen := &answer{}
	api.Client = ctxClient{ctx, a.http, seen}
	resp, err := api.MakeRequest(method, p)
	if err != nil {
		return nil, seen.describe(a.redact(err), a.redactString)
	}
	return resp.Result, nil
}

// classify turns the Bot API's answers into the errors bot acts on.
func classify(err error) error {
	var tgErr *tgbotapi.Error
	if !errors.As(err, &tgErr) {
		return err
	}
	switch {
	case tgErr.Code == http.StatusTooManyRequests:
		return &bot.RateLimitError{Platform: Platform, Delay: max(time.Duration(tgErr.RetryAfter)*time.Second, time.Second)}
	case tgErr.Code == http.StatusForbidden,
		tgErr.Code == http.StatusBadRequest && strings.Contains(tgErr.Message, "chat not found"):
		return fmt.Errorf("%w: %s", bot.ErrChatGone, tgErr.Message)
	}
	return fmt.Errorf("bot api %d: %w", tgErr.Code, err)
}
