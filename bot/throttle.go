package bot

import (
	"time"

	"golang.org/x/time/rate"
)

// userLimit is one user's command rate, and until when the user was told
// to slow down: commands before then are dropped without a reply.
type userLimit struct {
	*rate.Limiter
	toldUntil time.Time
}

// throttle applies the per-user command rate. It returns zero when the
// command may run; else how long until the next one may, and whether to
// say so: only the first refused command of a wait gets a reply.
func (b *Bot) throttle(req Request) (wait time.Duration, tell bool) {
	key := req.Chat.Platform + ":" + req.User
	now := b.opts.Clock.Now()
	b.limitMu.Lock()
	defer b.limitMu.Unlock()
	l, ok := b.limits[key]
	if !ok {
		if len(b.limits) > 100000 {
			clear(b.limits) // bound memory; a reset only forgives some commands
		}
		l = &userLimit{Limiter: rate.NewLimiter(rate.Every(b.opts.CommandRate.Interval()), b.opts.CommandBurst)}
		b.limits[key] = l
	}
	r := l.ReserveN(now, 1)
	wait = r.DelayFrom(now)
	if wait == 0 {
		return 0, false
	}
	r.CancelAt(now)
	tell = !now.Before(l.toldUntil)
	if tell {
		l.toldUntil = now.Add(wait)
	}
	return wait, tell
}
