// Command newsbrief turns news into short briefs and delivers them to chats.
// This file is wiring only: every subcommand parses its flags here and calls
// into the packages that do the work.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/newsbrief/newsbrief/bot/console"
)

// exitUsage is the exit code for a command line that cannot be run.
const exitUsage = 2

// usageError marks an error in the command line, as opposed to a failure
// while running it; main exits with code 2 for it.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, a ...any) error {
	return usageError{fmt.Errorf(format, a...)}
}

func main() {
	ctx, stop := stopOnSignal(os.Stderr)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	interrupted := ctx.Err() != nil
	stop()
	if interrupted && errors.Is(err, context.Canceled) {
		// Stopped by a signal half-way: nothing went wrong to report.
		fmt.Fprintln(os.Stderr, "newsbrief: stopped")
		os.Exit(1)
	}
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "newsbrief:", console.Printable(err.Error())) // errors may quote a feed
		}
		if errors.As(err, new(usageError)) || errors.Is(err, flag.ErrHelp) {
			os.Exit(exitUsage)
		}
		os.Exit(1)
	}
}

// stopOnSignal returns a context that ends at the first SIGINT or
// SIGTERM. The signals then get their default action back, so a second
// Ctrl-C ends the process at once, whatever it is waiting for. stop
// releases the signals.
func stopOnSignal(stderr io.Writer) (ctx context.Context, stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	exited := make(chan struct{})
	go func() {
		defer close(exited)
		select {
		case sig := <-sigs:
			signal.Stop(sigs)
			if sig == os.Interrupt && isTerminal(stderr) {
				fmt.Fprintln(stderr, "\nstopping; press Ctrl-C again to quit at once")
			}
			cancel()
		case <-done:
		}
	}()
	return ctx, func() {
		close(done)
		<-exited
		signal.Stop(sigs)
		cancel()
	}
}

const usage = `newsbrief turns news into short briefs.

Usage:
  newsbrief brief [--format text|markdown|json] [--jsonl] [FILE | -]
  newsbrief extract [--format text|json] FILE|URL|-
  newsbrief demo
  newsbrief run [--config FILE]
  newsbrief config check [--config FILE] | config example
  newsbrief migrate [--config FILE]
  newsbrief sources add URL|PATH [--interval 15m] [--backfill N] [--title T]
  newsbrief sources list [--format text|json]
  newsbrief sources remove URL|ID
  newsbrief sources import FILE.opml
  newsbrief sources export
  newsbrief fetch --once [--source URL|FILE] [--format text|json]
  newsbrief help

Run "newsbrief COMMAND -h" for the flags of a command.
`

// run is the whole program, given its outside world as arguments so that
// tests can call it.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return usagef("no command given")
	}
	cmd, rest := args[0], args[1:]
	in := newInput(ctx, stdin)
	switch cmd {
	case "brief":
		return runBrief(ctx, rest, in, stdout, stderr)
	case "run":
		return runRun(ctx, rest, getenv, in, stdout, stderr)
	case "migrate":
		return runMigrate(ctx, rest, getenv, stdout, stderr)
	case "config":
		return runConfig(ctx, rest, getenv, stdout, stderr)
	case "demo":
		return runDemo(ctx, rest, in, stdout, stderr)
	case "sources":
		return runSources(ctx, rest, getenv, stdout, stderr)
	case "fetch":
		return runFetch(ctx, rest, getenv, stdout, stderr)
	case "extract":
		return runExtract(ctx, rest, in, stdout, stderr, plainGet)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return usagef("unknown command %q", cmd)
}

// newFlagSet returns a flag set that reports errors instead of exiting.
func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("newsbrief "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// parseFlags parses args, marking bad flags as usage errors.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{fmt.Errorf("%s: %w", fs.Name(), err)}
	}
	return nil
}
