package main

import (
	"io"
	"os"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"golang.org/x/term"
)

// Progress timing: a command that ends within progressDelay shows nothing,
// and a longer one redraws its line every progressEvery.
const (
	progressDelay = time.Second
	progressEvery = 200 * time.Millisecond
)

// isTerminal reports whether f (standard input, output or error) is a
// terminal, where a person reads and types; /dev/null is not one.
func isTerminal(f any) bool {
	file, ok := f.(*os.File)
	return ok && term.IsTerminal(int(file.Fd()))
}

// progress redraws one status line in place on a terminal while a command
// runs. Its goroutine is owned by whoever called startProgress, which must
// call stop; stop clears the line and returns once the goroutine is gone.
type progress struct {
	w     io.Writer
	line  func() string
	quit  chan struct{}
	done  chan struct{}
	shown string // the line on screen
	width int    // its length in runes, 0 if none
}

// startProgress shows line() on w, rewritten with \r, once delay has
// passed and then every every, until stop is called. On anything but a
// terminal it does nothing, so pipes, files and tests never see control
// characters.
func startProgress(w io.Writer, line func() string) (stop func()) {
	if !isTerminal(w) {
		return func() {}
	}
	return newProgress(w, line, progressDelay, progressEvery)
}

// newProgress starts the redraw loop unconditionally; tests use it with a
// buffer and short times.
func newProgress(w io.Writer, line func() string, delay, every time.Duration) (stop func()) {
	p := &progress{w: w, line: line, quit: make(chan struct{}), done: make(chan struct{})}
	go p.loop(delay, every)
	var once sync.Once
	return func() {
		once.Do(func() {
			close(p.quit)
			<-p.done
		})
	}
}

func (p *progress) loop(delay, every time.Duration) {
	defer close(p.done)
	wait := time.NewTimer(delay)
	defer wait.Stop()
	select {
	case <-p.quit:
		return
	case <-wait.C:
	}
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		p.draw(p.line())
		select {
		case <-p.quit:
			p.clear()
			return
		case <-tick.C:
		}
	}
}

// draw writes s over the line drawn before, padding with spaces where the
// old line was longer.
func (p *progress) draw(s string) {
	if s == p.shown && p.width > 0 {
		return // a slow terminal need not redraw what it shows
	}
	p.shown = s
	n := utf8.RuneCountInString(s)
	pad := ""
	if p.width > n {
		pad = strings.Repeat(" ", p.width-n)
	}
	io.WriteString(p.w, "\r"+s+pad)
	p.width = n
}

func (p *progress) clear() {
	if p.width == 0 {
		return
	}
	io.WriteString(p.w, "\r"+strings.Repeat(" ", p.width)+"\r")
	p.shown, p.width = "", 0
}
