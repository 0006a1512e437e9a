// Command newsbrief turns news into short briefs and delivers them to chats.
// It is wiring only: Main picks a command from the table in commands.go,
// reads its flags and the configuration, opens the store, and calls into
// the packages that do the work.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/console"
	"github.com/newsbrief/newsbrief/config"
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
// tests can call it: parse, run, close.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	m := &Main{getenv: getenv, stdin: newInput(ctx, stdin), stdout: stdout, stderr: stderr, table: commands}
	if err := m.Parse(args); err != nil {
		return err
	}
	err := m.Run(ctx)
	if cerr := m.Close(); err == nil {
		err = cerr
	}
	return err
}

// Main is the program in three steps, as in WTF Dial's cmd/wtfd: Parse
// picks the command and reads its flags, Run runs it, Close releases what
// it opened. Its fields are the outside world; nothing is global.
type Main struct {
	getenv         func(string) string
	stdin          input
	stdout, stderr io.Writer
	// table is the commands (commands, passed in so that help can run
	// them without a package-level cycle).
	table []command

	exec       runner   // the command Parse chose, bound to its flags
	args       []string // its arguments that are not flags
	configFile string   // --config, for the commands that take it
	stores     []bot.Store
}

// runner runs a command once its flags are parsed, with the arguments
// that are not flags.
type runner func(ctx context.Context, args []string) error

// Parse finds the command args name, and reads its flags.
func (m *Main) Parse(args []string) error {
	c, rest, err := m.find(args)
	if err != nil {
		return err
	}
	f := newFlagsFor(c, m.stdout)
	if c.config != "" {
		f.StringVar(&m.configFile, "config", m.getenv("NEWSBRIEF_CONFIG"), c.config)
	}
	if c.run != nil {
		m.exec = func(ctx context.Context, args []string) error { return c.run(ctx, m, args) }
	} else {
		m.exec = c.flags(m, f)
	}
	if m.args, err = f.parseInterspersed(rest); err != nil {
		return err
	}
	if c.args != nil {
		return c.args(c.name, m.args)
	}
	return nil
}

// Run runs the command Parse found.
func (m *Main) Run(ctx context.Context) error { return m.exec(ctx, m.args) }

// Close closes the stores the command opened.
func (m *Main) Close() error {
	var errs []error
	for _, s := range m.stores {
		errs = append(errs, s.Close())
	}
	m.stores = nil
	return errors.Join(errs...)
}

// find returns the command or subcommand args start with, and the rest of
// args; a group (config, sources) without a subcommand prints its help.
func (m *Main) find(args []string) (command, []string, error) {
	if len(args) == 0 {
		writeUsage(m.stderr, m.table)
		return command{}, nil, usagef("no command given: try \"newsbrief demo\", or \"newsbrief -h\" for the list")
	}
	name := args[0]
	if a, ok := aliases[name]; ok {
		name = a
	}
	c, ok := lookupIn(m.table, name)
	if !ok || strings.Contains(name, " ") {
		writeUsage(m.stderr, m.table)
		return command{}, nil, usagef("unknown command %q (the list is above)", args[0])
	}
	if !c.group() {
		return c, args[1:], nil
	}
	rest := args[1:]
	switch {
	case len(rest) == 0:
		c.writeHelp(m.stderr, nil)
		return command{}, nil, usagef("%s: say what to do: %s", name, subNames(m.table, name))
	case isHelp(rest[0]):
		c.writeHelp(m.stdout, nil)
		return command{}, nil, errHelp
	}
	sub := name + " " + rest[0]
	if a, ok := aliases[sub]; ok {
		sub = a
	}
	if c, ok := lookupIn(m.table, sub); ok {
		return c, rest[1:], nil
	}
	return command{}, nil, usagef("%s: unknown subcommand %q: want %s (\"newsbrief %s -h\" shows them)", name, rest[0], subNames(m.table, name), name)
}

// aliases are the other names commands answer to.
var aliases = map[string]string{
	"--version": "version", "-version": "version",
	"-h": "help", "--help": "help", "-help": "help",
	"sources rm": "sources remove",
}

// Help for --config.
const (
	configUsage        = "configuration `file` (YAML)"
	configStoreUsage   = "configuration `file` (YAML): its database, interval and backfill"
	configSourcesUsage = "configuration `file` (YAML): its sources.allow_private_links and database"
)

// loadConfig reads the configuration --config names, then the
// environment; more, when not nil, adds problems found outside the file.
func (m *Main) loadConfig(more func(config.Config) error) (config.Config, []bot.Topic, error) {
	return loadConfig(m.configFile, m.getenv, more)
}

// openStore is the opening that every command working on the database
// shares: it opens the store cfg names, which Close closes.
func (m *Main) openStore(ctx context.Context, cfg config.Config) (bot.Store, error) {
	cfg, err := withDataDir(cfg, m.getenv)
	if err != nil {
		return nil, err
	}
	s, err := openStore(ctx, cfg)
	if err != nil {
		return nil, err
	}
	m.stores = append(m.stores, s)
	return s, nil
}

// open reads the configuration and opens the store it names.
func (m *Main) open(ctx context.Context) (config.Config, bot.Store, error) {
	cfg, _, err := m.loadConfig(nil)
	if err != nil {
		return cfg, nil, err
	}
	store, err := m.openStore(ctx, cfg)
	return cfg, store, err
}

// runHelp is "newsbrief help [COMMAND [SUBCOMMAND]]".
func runHelp(ctx context.Context, m *Main, args []string) error {
	if len(args) == 0 {
		writeUsage(m.stdout, m.table)
		return nil
	}
	name := strings.Join(args, " ")
	if _, ok := lookupIn(m.table, name); !ok {
		return usagef("help: no command %q (\"newsbrief help\" lists them)", name)
	}
	// The flags are the command's own: ask it for its help.
	sub := &Main{getenv: func(string) string { return "" }, stdin: input{Reader: strings.NewReader("")},
		stdout: m.stdout, stderr: io.Discard, table: m.table}
	err := sub.Parse(append(args, "-h"))
	if errors.Is(err, errHelp) {
		return nil
	}
	return err
}
