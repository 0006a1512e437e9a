package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// command is one command's help: what "newsbrief NAME -h" prints, and its
// line in the list "newsbrief -h" prints.
type command struct {
	name    string // "sources add"
	summary string // one line for the list
	usage   string // the synopsis, one or more lines, without "newsbrief "
	about   string // what it does, a few lines
	example string // one or more command lines a person can copy
}

// commands is every command and subcommand, in the order of the list.
var commands = []command{
	{name: "demo", summary: "try newsbrief offline: sample news and a chat on the terminal",
		usage: "demo",
		about: "Reads two sample outlets from files (no network, no tokens), prints\n" +
			"today's brief, then answers chat commands typed on standard input\n" +
			"(/summary trade, /subscribe climate, /help) until Ctrl-D.",
		example: "newsbrief demo"},
	{name: "brief", summary: "brief one article: meetings, quotes, key points",
		usage: "brief [--format text|markdown|json] [FILE | URL | -]\n" +
			"brief --jsonl [FILE | -]",
		about: "Briefs an article: a text file whose first line is the title, an HTML\n" +
			"page or a feed (every article in it), gzipped or not, a web page or a\n" +
			"feed by URL, or standard input (- or nothing). --jsonl reads JSON lines\n" +
			`{"id","title","text","url","published"} and writes one brief per line.`,
		example: "newsbrief brief article.txt\n" +
			"newsbrief brief --format json https://example.org/news/story.html\n" +
			"newsbrief fetch --once --format json | newsbrief brief --jsonl"},
	{name: "extract", summary: "print the main text of a web page or file",
		usage: "extract [--format text|json] FILE | URL | -",
		about: "Prints the title, byline, published time, canonical URL and main text\n" +
			"of a web page, or of each article in a file of any kind brief reads.",
		example: "newsbrief extract https://example.org/news/story.html\n" +
			"newsbrief extract --format json page.html.gz"},
	{name: "run", summary: "run the bot: poll, schedule, deliver, answer chats",
		usage: "run [--config FILE]",
		about: "Polls the sources, sends each chat its daily brief, and answers commands\n" +
			"on every adapter that is on: the terminal (console), Telegram, Slack.\n" +
			"Ctrl-C or SIGTERM stops it; a second Ctrl-C quits at once.",
		example: "newsbrief run --config /etc/newsbrief.yaml\n" +
			"NEWSBRIEF_TELEGRAM_TOKEN=123:abc newsbrief run"},
	{name: "config", summary: "check a configuration file, or print a documented one",
		usage: "config check [--config FILE]\n" +
			"config example",
		about: "check reports every mistake in the configuration at once, or prints\n" +
			"the configuration in effect; example prints a documented file.",
		example: "newsbrief config example > newsbrief.yaml\n" +
			"newsbrief config check --config newsbrief.yaml"},
	{name: "config check", summary: "report every mistake in the configuration",
		usage: "config check [--config FILE]",
		about: "Reads the file, then the NEWSBRIEF_* variables, and reports every\n" +
			"mistake at once with its line (exit code 2), or prints the\n" +
			"configuration in effect with secrets redacted.",
		example: "newsbrief config check --config newsbrief.yaml"},
	{name: "config example", summary: "print a documented configuration file",
		usage:   "config example",
		about:   "Prints a configuration file with every setting at its default, each\nexplained, to start from.",
		example: "newsbrief config example > newsbrief.yaml"},
	{name: "migrate", summary: "bring the database schema up to date, then stop",
		usage:   "migrate [--config FILE]",
		about:   "Brings the database's schema up to date and stops: a deploy step\nbefore starting several instances. run does it too.",
		example: "newsbrief migrate --config /etc/newsbrief.yaml"},
	{name: "sources", summary: "add, list, remove, import and export the sources",
		usage: "sources add URL|PATH [--interval 15m] [--backfill N] [--title T] [--config FILE]\n" +
			"sources list [--format text|json] [--config FILE]\n" +
			"sources remove URL|ID [--config FILE]\n" +
			"sources import [--interval 15m] [--backfill N] [--config FILE] FILE.opml\n" +
			"sources export [--config FILE]",
		about: "Manages the feeds, pages and local files or folders that newsbrief polls,\n" +
			"in the database the configuration names. A new source's interval and\n" +
			"backfill are the configuration's unless given.",
		example: "newsbrief sources add https://example.org/news/\n" +
			"newsbrief sources list"},
	{name: "sources add", summary: "add a feed, a page whose feed is found, or a local file or folder",
		usage:   "sources add URL|PATH [--interval 15m] [--backfill N] [--title T] [--config FILE]",
		about:   "Adds a feed, a web page whose feed is found for you, or a local file or\nfolder of articles (text, HTML or feeds, gzipped or not).",
		example: "newsbrief sources add https://example.org/news/ --interval 30m\nnewsbrief sources add /srv/press-releases --title \"Press releases\""},
	{name: "sources list", summary: "list the sources and their health",
		usage:   "sources list [--format text|json] [--config FILE]",
		about:   "Lists every source with its health: last poll, HTTP status, failures in\na row, the last error with a hint, and the next poll.",
		example: "newsbrief sources list\nnewsbrief sources list --format json"},
	{name: "sources remove", summary: "remove a source",
		usage:   "sources remove URL|ID [--config FILE]",
		about:   "Removes a source; its articles stay known, so adding it again brings no\nrepeats.",
		example: "newsbrief sources remove 3"},
	{name: "sources import", summary: "add the feeds of an OPML file",
		usage:   "sources import [--interval 15m] [--backfill N] [--config FILE] FILE.opml",
		about:   "Adds the feeds of an OPML file, skipping those already there; a file\nthat does not parse adds nothing.",
		example: "newsbrief sources import subscriptions.opml"},
	{name: "sources export", summary: "write the sources as OPML",
		usage:   "sources export [--config FILE]",
		about:   "Writes the sources as OPML on standard output, for other feed readers or\nanother newsbrief.",
		example: "newsbrief sources export > sources.opml"},
	{name: "fetch", summary: "poll the sources once and print what is new",
		usage: "fetch --once [--source URL|FILE] [--format text|json]",
		about: "Polls every source now and prints the articles that are new; with\n" +
			"--source, reads one URL or file without storing anything and prints\n" +
			"every article in it.",
		example: "newsbrief fetch --once\n" +
			"newsbrief fetch --once --source https://example.org/feed.xml --format json"},
	{name: "version", summary: "print the version, commit and Go version",
		usage:   "version",
		about:   "Prints newsbrief's version, the commit it was built from and the Go\nversion that built it (also: newsbrief --version).",
		example: "newsbrief version"},
	{name: "help", summary: "print this list, or a command's help",
		usage:   "help [COMMAND [SUBCOMMAND]]",
		about:   "Prints the list of commands, or the help of one (as COMMAND -h does).",
		example: "newsbrief help sources add"},
}

// lookup returns the command called name.
func lookup(name string) (command, bool) {
	for _, c := range commands {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// writeUsage prints the list of commands.
func writeUsage(w io.Writer) {
	fmt.Fprint(w, "newsbrief turns the news into short briefs and delivers them to chats.\n\nUsage: newsbrief COMMAND [ARGUMENTS]\n\nCommands:\n")
	for _, c := range commands {
		if !strings.Contains(c.name, " ") {
			fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
		}
	}
	fmt.Fprint(w, "\nRun \"newsbrief COMMAND -h\" for a command's arguments and an example.\n\nExample:\n  newsbrief demo\n  newsbrief brief article.txt\n  newsbrief config example > newsbrief.yaml && newsbrief run --config newsbrief.yaml\n")
}

// writeHelp prints a command's help, with its flags' if fs is not nil.
func (c command) writeHelp(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprintln(w, "Usage:")
	for _, line := range strings.Split(c.usage, "\n") {
		fmt.Fprintln(w, "  newsbrief "+line)
	}
	fmt.Fprintf(w, "\n%s\n", c.about)
	if fs != nil && hasFlags(fs) {
		fmt.Fprintln(w, "\nFlags:")
		fs.SetOutput(w)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	fmt.Fprintln(w, "\nExample:")
	for _, line := range strings.Split(c.example, "\n") {
		fmt.Fprintln(w, "  "+line)
	}
}

func hasFlags(fs *flag.FlagSet) bool {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

// errHelp is returned after a command printed its help as asked: main
// exits 0 without a word.
var errHelp = flag.ErrHelp

// isHelp reports whether arg asks for help.
func isHelp(arg string) bool {
	return arg == "-h" || arg == "--help" || arg == "-help" || arg == "help"
}

// cmdFlags is a command's flag set, which prints the command's help for
// -h and --help and turns bad flags into usage errors naming the command.
type cmdFlags struct {
	*flag.FlagSet
	cmd    command
	stdout io.Writer
}

// newFlags returns the flag set of the command called name (a key of
// commands); help goes to stdout.
func newFlags(name string, stdout io.Writer) *cmdFlags {
	cmd, ok := lookup(name)
	if !ok {
		panic("newsbrief: no help for command " + name) // a programming error, caught by TestEveryCommandHasHelp
	}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are returned, help printed by parse
	return &cmdFlags{FlagSet: fs, cmd: cmd, stdout: stdout}
}

// help prints the command's help and returns errHelp.
func (f *cmdFlags) help() error {
	f.cmd.writeHelp(f.stdout, f.FlagSet)
	return errHelp
}

// parse parses flags before the arguments.
func (f *cmdFlags) parse(args []string) error {
	err := f.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return f.help()
	case err != nil:
		return usagef("%s: %v (\"newsbrief %s -h\" shows the flags)", f.cmd.name, err, f.cmd.name)
	}
	return nil
}

// parseInterspersed parses flags wherever they stand among the arguments,
// so that "sources add URL --interval 5m" works as people type it, and
// returns the arguments that are not flags.
func (f *cmdFlags) parseInterspersed(args []string) ([]string, error) {
	var pos []string
	for {
		if err := f.parse(args); err != nil {
			return nil, err
		}
		rest := f.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), nil // everything after -- is an argument
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// runGroup runs the subcommand of a command group (config, sources)
// named by args[0], or prints the group's help.
func runGroup(group string, args []string, stdout, stderr io.Writer, subs map[string]func([]string) error) error {
	cmd, _ := lookup(group)
	if len(args) == 0 {
		cmd.writeHelp(stderr, nil)
		return usagef("%s: say what to do: %s", group, subNames(subs))
	}
	if isHelp(args[0]) {
		cmd.writeHelp(stdout, nil)
		return errHelp
	}
	if sub, ok := subs[args[0]]; ok {
		return sub(args[1:])
	}
	return usagef("%s: unknown subcommand %q: want %s (\"newsbrief %s -h\" shows them)", group, args[0], subNames(subs), group)
}

// subNames lists a group's subcommands in the order of commands.
func subNames(subs map[string]func([]string) error) string {
	var names []string
	for _, c := range commands {
		if _, sub, ok := strings.Cut(c.name, " "); ok {
			if _, ok := subs[sub]; ok {
				names = append(names, sub)
			}
		}
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}
