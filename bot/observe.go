package bot

import "time"

// Observer hears what the bot does, for metrics. Its methods must be
// quick and safe for concurrent use; cmd/newsbrief feeds Prometheus
// counters from them, so that bot knows nothing of Prometheus.
type Observer interface {
	// Polled is called after each poll of a source with the number of new
	// articles, or the error.
	Polled(src Source, added int, err error)
	// Sent is called after each send attempt with its error, if any.
	Sent(platform string, err error)
	// Built is called after a digest or brief is built, with the time it
	// took.
	Built(d time.Duration)
	// StoreFailed is called for each failure of the store that a
	// WatchStore sees.
	StoreFailed(err error)
}

// noObserver hears nothing.
type noObserver struct{}

func (noObserver) Polled(Source, int, error) {}
func (noObserver) Sent(string, error)        {}
func (noObserver) Built(time.Duration)       {}
func (noObserver) StoreFailed(error)         {}
