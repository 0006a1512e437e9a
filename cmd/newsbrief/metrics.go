package main

import (
	"context"
	"errors"
	"maps"
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/sources"
)

// metrics is the Prometheus side of bot.Observer.
type metrics struct {
	reg         *prometheus.Registry
	polls       *prometheus.CounterVec
	fetchErrors *prometheus.CounterVec
	articles    prometheus.Counter
	sends       *prometheus.CounterVec
	built       prometheus.Histogram
	storeErrors prometheus.Counter
	// limited counts the rate-limited sends by platform, as sends does,
	// for the console, which should not gather the whole registry (and
	// query the outbox's depth) to show them.
	limitedMu sync.Mutex
	limited   map[string]int
}

var _ bot.Observer = (*metrics)(nil)

func newMetrics(store bot.Store) *metrics {
	m := &metrics{
		limited: map[string]int{},
		reg:     prometheus.NewRegistry(),
		polls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "newsbrief_polls_total", Help: "Source polls, by result (ok, error).",
		}, []string{"result"}),
		fetchErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "newsbrief_fetch_errors_total", Help: "Failed source polls, by kind.",
		}, []string{"kind"}),
		articles: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "newsbrief_articles_stored_total", Help: "New articles stored.",
		}),
		sends: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "newsbrief_messages_total", Help: "Send attempts by platform and result (sent, retried, rate_limited, chat_gone).",
		}, []string{"platform", "result"}),
		built: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "newsbrief_brief_build_seconds", Help: "Time to build a digest.",
			Buckets: prometheus.ExponentialBuckets(0.001, 4, 8),
		}),
		storeErrors: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "newsbrief_store_errors_total", Help: "Failed operations of the store (database).",
		}),
	}
	outbox := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "newsbrief_outbox_depth", Help: "Messages waiting in the outbox.",
	}, func() float64 {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		n, err := store.Outbox(ctx)
		if err != nil {
			return -1
		}
		return float64(n)
	})
	m.reg.MustRegister(m.polls, m.fetchErrors, m.articles, m.sends, m.built, m.storeErrors, outbox,
		prometheus.NewGoCollector(), prometheus.NewProcessCollector(prometheus.ProcessCollectorOpts{}))
	return m
}

// Handler serves /metrics.
func (m *metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// rateLimited returns each platform's "too many requests" answers so far,
// the figures of newsbrief_messages_total{result="rate_limited"}, for the
// console's overview.
func (m *metrics) rateLimited() map[string]int {
	m.limitedMu.Lock()
	defer m.limitedMu.Unlock()
	return maps.Clone(m.limited)
}

// Polled counts a poll.
func (m *metrics) Polled(_ bot.Source, added int, err error) {
	if err != nil {
		m.polls.WithLabelValues("error").Inc()
		m.fetchErrors.WithLabelValues(fetchErrorKind(err)).Inc()
		return
	}
	m.polls.WithLabelValues("ok").Inc()
	m.articles.Add(float64(added))
}

// Sent counts a send attempt.
func (m *metrics) Sent(platform string, err error) {
	var ra interface{ RetryAfter() time.Duration }
	result := "sent"
	switch {
	case err == nil:
	case errors.Is(err, bot.ErrChatGone):
		result = "chat_gone"
	case errors.As(err, &ra):
		result = "rate_limited"
		m.limitedMu.Lock()
		m.limited[platform]++
		m.limitedMu.Unlock()
	default:
		result = "retried"
	}
	m.sends.WithLabelValues(platform, result).Inc()
}

// Built times a digest.
func (m *metrics) Built(d time.Duration) { m.built.Observe(d.Seconds()) }

// StoreFailed counts a failure of the store.
func (m *metrics) StoreFailed(error) { m.storeErrors.Inc() }

// fetchErrorKinds are the kinds of fetch failure the metric tells apart,
// in the order they are checked: a rate limit is also a status error.
var fetchErrorKinds = []struct {
	kind string
	is   func(error) bool
}{
	{"timeout", isA[*sources.TimeoutError]},
	{"too_large", isA[*sources.TooLargeError]},
	{"challenge", isA[*sources.ChallengeError]},
	{"rate_limited", isA[*bot.RateLimitError]},
	{"blocked", isA[*sources.BlockedError]},
	{"redirect", isA[*sources.RedirectError]},
	{"status", isA[*sources.StatusError]},
}

// isA reports whether err is or wraps an E.
func isA[E error](err error) bool {
	var e E
	return errors.As(err, &e)
}

// fetchErrorKind names the kind of a fetch failure for the metric label.
func fetchErrorKind(err error) string {
	for _, k := range fetchErrorKinds {
		if k.is(err) {
			return k.kind
		}
	}
	return "other"
}
