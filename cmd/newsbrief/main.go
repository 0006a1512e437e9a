// Command newsbrief turns news into short briefs and delivers them to chats.
// This file is wiring only: every subcommand parses its flags here and calls
// into the packages that do the work.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
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
	if err != nil && !errors.Is(err, errHelp) {
		fmt.Fprintln(os.Stderr, "newsbrief:", console.Printable(err.Error())) // errors may quote a feed
	}
	os.Exit(exitCode(err))
}

// exitCode is the process's exit code for run's error: 0 for none or for
// help asked for, 2 for a command line or configuration that cannot run,
// 1 for a failure while running.
func exitCode(err error) int {
	switch {
	case err == nil, errors.Is(err, errHelp):
		return 0
	case errors.As(err, new(usageError)):
		return exitUsage
	}
	return 1
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

// run is the whole program, given its outside world as arguments so that
// tests can call it.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		writeUsage(stderr)
		return usagef("no command given: try \"newsbrief demo\", or \"newsbrief -h\" for the list")
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
	case "version", "--version", "-version":
		return runVersion(rest, stdout)
	case "help", "-h", "--help", "-help":
		return runHelp(rest, stdout)
	}
	writeUsage(stderr)
	return usagef("unknown command %q (the list is above)", cmd)
}

// runHelp is "newsbrief help [COMMAND [SUBCOMMAND]]".
func runHelp(args []string, stdout io.Writer) error {
	switch {
	case len(args) == 0:
		writeUsage(stdout)
		return nil
	case len(args) == 1 && isHelp(args[0]):
		c, _ := lookup("help")
		c.writeHelp(stdout, nil)
		return nil
	}
	name := strings.Join(args, " ")
	if _, ok := lookup(name); !ok {
		return usagef("help: no command %q (\"newsbrief help\" lists them)", name)
	}
	// The flags are the command's own: ask it for its help.
	err := run(context.Background(), append(slices.Clone(args), "-h"), func(string) string { return "" }, strings.NewReader(""), stdout, io.Discard)
	if errors.Is(err, errHelp) {
		return nil
	}
	return err
}
