package main

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"golang.org/x/net/netutil"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/config"
)

// serveHTTP serves h on ln until ctx ends, then lets requests in flight
// finish for a few seconds. Slow and idle clients are cut off by the
// configured time-outs, and at most lim.MaxConnections are served at once,
// the rest waiting to be accepted, so they cannot use up the process's
// file descriptors.
func serveHTTP(ctx context.Context, ln net.Listener, h http.Handler, lim config.HTTP) error {
	hs := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: min(10*time.Second, lim.ReadTimeout),
		ReadTimeout:       lim.ReadTimeout,
		WriteTimeout:      lim.WriteTimeout,
		IdleTimeout:       lim.IdleTimeout,
		MaxHeaderBytes:    64 << 10, // webhooks carry a few headers
	}
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		hs.Shutdown(sctx)
	}()
	err := hs.Serve(netutil.LimitListener(ln, lim.MaxConnections))
	if errors.Is(err, http.ErrServerClosed) {
		<-stopped
		return nil
	}
	return err // the caller ends ctx on an error, which ends the goroutine
}

// readyHandler answers /readyz: 200 while the store answers and has not
// failed in the last minute (reads may work while writes fail, on a full
// disk), else 503 saying only "not ready". Why goes to the log: the
// store's error names the database's user, name and address, which are
// not for the world.
func readyHandler(store bot.Store, health *bot.StoreHealth, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, err := store.Outbox(r.Context())
		if err == nil {
			_, err = health.Failing()
		}
		if err != nil {
			log.Warn("not ready", "err", err)
			http.Error(w, "not ready", http.StatusServiceUnavailable)
			return
		}
		io.WriteString(w, "ready\n")
	})
}
