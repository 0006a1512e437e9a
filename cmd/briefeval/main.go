// Command briefeval measures the brief generator on the shared evaluation
// data (../shared/eval, described in its README): ROUGE of the key points
// against reference summaries beside Lead-3, quote precision, recall and
// speaker accuracy on PolNeAR, meetings against the project's labelled dev
// set (MEETINGS.md), and the brief of the seed article. It reads the data
// files and writes a report to stdout; it changes nothing.
//
//	go run ./cmd/briefeval [-data ../shared/eval] [-sets summ,quotes,meetings,seed] [-n N] [-v]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	"github.com/newsbrief/newsbrief/brief"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(2)
		}
		fmt.Fprintln(os.Stderr, "briefeval:", err)
		if errors.As(err, new(usageError)) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

// usageError marks a bad command line, as opposed to a failure while
// running; main exits with code 2 for it.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// allParts returns the evaluations -sets can choose, in the order they run.
func allParts() []string { return []string{"summ", "quotes", "meetings", "seed"} }

// config is the command line, checked.
type config struct {
	data    string
	labels  string // folder of the meetings dev set's labels
	sets    []string
	limit   int // articles per set; 0 for all
	workers int
	verbose bool
}

func parseArgs(args []string, stderr io.Writer) (config, error) {
	fs := flag.NewFlagSet("briefeval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", filepath.Join("..", "shared", "eval"), "evaluation data `dir`")
	labels := fs.String("labels", filepath.Join("cmd", "briefeval", "testdata"), "`dir` of the hand-labelled dev sets: meetings_*.jsonl, speakers_cnndm.jsonl")
	sets := fs.String("sets", strings.Join(allParts(), ","), "comma-separated evaluations to run: summ, quotes, meetings, seed")
	limit := fs.Int("n", 0, "use only the first `N` articles of each set; 0 uses all")
	workers := fs.Int("workers", 2, "articles briefed at once")
	verbose := fs.Bool("v", false, "list every missed meeting and false alarm")
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	if fs.NArg() > 0 {
		return config{}, usageError{fmt.Errorf("unexpected argument %q", fs.Arg(0))}
	}
	var problems []error
	cfg := config{data: *data, labels: *labels, limit: *limit, workers: *workers, verbose: *verbose}
	for s := range strings.SplitSeq(*sets, ",") {
		s = strings.TrimSpace(s)
		switch {
		case s == "":
		case !slices.Contains(allParts(), s):
			problems = append(problems, fmt.Errorf("-sets: unknown evaluation %q, want summ, quotes, meetings or seed", s))
		case !slices.Contains(cfg.sets, s):
			cfg.sets = append(cfg.sets, s)
		}
	}
	if len(cfg.sets) == 0 && len(problems) == 0 {
		problems = append(problems, errors.New("-sets: no evaluation chosen"))
	}
	if cfg.limit < 0 {
		problems = append(problems, fmt.Errorf("-n: %d articles, want 0 or more", cfg.limit))
	}
	if cfg.workers < 1 {
		problems = append(problems, fmt.Errorf("-workers: %d, want 1 or more", cfg.workers))
	}
	if err := errors.Join(problems...); err != nil {
		return config{}, usageError{err}
	}
	if fi, err := os.Stat(cfg.data); err != nil || !fi.IsDir() {
		return config{}, usageError{fmt.Errorf("-data: %s is not a directory of evaluation data (run from the project root, or pass -data)", cfg.data)}
	}
	return cfg, nil
}

// run is the whole program, given its outside world as arguments so that
// tests can call it.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, err := parseArgs(args, stderr)
	if err != nil {
		return err
	}
	s := brief.New(brief.Options{})
	for _, part := range allParts() {
		if !slices.Contains(cfg.sets, part) {
			continue
		}
		var err error
		switch part {
		case "summ":
			err = evalSumm(ctx, cfg, s, stdout)
		case "quotes":
			err = evalQuotes(ctx, cfg, s, stdout)
		case "meetings":
			err = evalMeetings(ctx, cfg, s, stdout)
		case "seed":
			err = evalSeed(cfg, s, stdout)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", part, err)
		}
	}
	return nil
}

// evalSeed prints the brief of the article the project started from.
func evalSeed(cfg config, s briefer, w io.Writer) error {
	path := filepath.Join(cfg.data, "seed", "putin-wang-yi.txt")
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read seed: %w", err)
	}
	a, err := brief.ParseText(string(b))
	if err != nil {
		return fmt.Errorf("parse %s: %w", path, err)
	}
	br, err := s.Summarize(a)
	if err != nil {
		return fmt.Errorf("summarize %s: %w", path, err)
	}
	fmt.Fprintf(w, "\n== Seed: %s ==\n\n%s", filepath.Base(path), br.Text())
	return nil
}
