package main

import (
	"context"
	_ "embed"
	"strings"
)

// command is one command or subcommand: its name, its line in the list
// "newsbrief -h" prints, what "newsbrief NAME -h" prints (from help.txt),
// and its flags and what runs it.
type command struct {
	name    string // "sources add"
	summary string // one line for the list
	usage   string // the synopsis, one or more lines, without "newsbrief "
	about   string // what it does, a few lines
	example string // one or more command lines a person can copy
	// config is the help of --config for the commands that read the
	// configuration file; "" for those that read none.
	config string
	// args checks the arguments that are not flags; nil takes any.
	args argCheck
	// run runs a command that has no flags of its own (but --config).
	run func(ctx context.Context, m *Main, args []string) error
	// flags registers the command's own flags on f and returns what runs
	// it once they are parsed. A group (config, sources) has neither run
	// nor flags: it runs its subcommands.
	flags func(m *Main, f *cmdFlags) runner
}

// group reports whether c is a group of subcommands.
func (c command) group() bool { return c.run == nil && c.flags == nil }

// argCheck checks the arguments of cmd that are not flags.
type argCheck func(cmd string, args []string) error

// none takes no arguments; why says where they go instead, if anywhere.
func none(why string) argCheck {
	return func(cmd string, args []string) error {
		if len(args) == 0 {
			return nil
		}
		return usagef("%s: want no arguments, got %d%s", cmd, len(args), why)
	}
}

// one takes one argument, what.
func one(what string) argCheck {
	return func(cmd string, args []string) error {
		if len(args) == 1 {
			return nil
		}
		return usagef("%s: want one %s, got %d arguments", cmd, what, len(args))
	}
}

// Where the arguments of the commands that take none go.
const (
	inConfig = " (the file goes in --config)"
	inSource = " (a single source goes in --source)"
)

// commands is every command and subcommand, in the order of the list.
var commands = withHelp(helpText, []command{
	{name: "demo", summary: "try newsbrief offline: sample news and a chat on the terminal", args: none(""), run: runDemo},
	{name: "brief", summary: "brief one article: meetings, quotes, key points", flags: briefCmd},
	{name: "extract", summary: "print the main text of a web page or file", args: one("FILE, URL or - (standard input)"), flags: extractCmd},
	{name: "run", summary: "run the bot: poll, schedule, deliver, answer chats", config: configUsage, args: none(inConfig), run: runBot},
	{name: "config", summary: "check a configuration file, or print a documented one"},
	{name: "config check", summary: "report every mistake in the configuration", config: configUsage, args: none(inConfig), run: runConfigCheck},
	{name: "config example", summary: "print a documented configuration file", args: none(""), run: runConfigExample},
	{name: "migrate", summary: "bring the database schema up to date, then stop", config: configUsage, args: none(inConfig), run: runMigrate},
	{name: "sources", summary: "add, list, remove, import and export the sources"},
	{name: "sources add", summary: "add a feed, a page whose feed is found, or a local file or folder",
		config: configStoreUsage, args: one("URL or PATH"), flags: sourcesAddCmd},
	{name: "sources list", summary: "list the sources and their health", config: configStoreUsage, args: none(""), flags: sourcesListCmd},
	{name: "sources remove", summary: "remove a source", config: configStoreUsage, args: one("URL or ID"), run: runSourcesRemove},
	{name: "sources import", summary: "add the feeds of an OPML file", config: configStoreUsage, args: one("OPML file"), flags: sourcesImportCmd},
	{name: "sources export", summary: "write the sources as OPML", config: configStoreUsage, args: none(""), run: runSourcesExport},
	{name: "web", summary: "the operator's web console"},
	{name: "web hash-password", summary: "print the hash of a password for web.admin_password_hash", args: none(""), run: runHashPassword},
	{name: "fetch", summary: "poll the sources once and print what is new", config: configSourcesUsage, args: none(inSource), flags: fetchCmd},
	{name: "version", summary: "print the version, commit and Go version", args: none(""), run: runVersion},
	{name: "help", summary: "print this list, or a command's help", run: runHelp},
})

// helpText is the help of every command; see its first lines for the form.
//
//go:embed help.txt
var helpText string

// withHelp fills in each command's usage, about and example from text. A
// group's usage is its subcommands'. A command missing from text keeps
// empty help, which TestEveryCommandHelp reports.
func withHelp(text string, cmds []command) []command {
	help := map[string][3]string{}
	for _, block := range strings.Split(text, "\n== ")[1:] {
		name, rest, _ := strings.Cut(strings.TrimSpace(block), "\n")
		parts := strings.SplitN(rest, "\n\n", 3)
		if len(parts) == 3 {
			help[name] = [3]string{parts[0], parts[1], parts[2]}
		}
	}
	for i, c := range cmds {
		h := help[c.name]
		cmds[i].usage, cmds[i].about, cmds[i].example = h[0], h[1], h[2]
		if !c.group() {
			continue
		}
		var subs []string
		for _, sub := range cmds {
			if strings.HasPrefix(sub.name, c.name+" ") {
				subs = append(subs, help[sub.name][0])
			}
		}
		cmds[i].usage = strings.Join(subs, "\n")
	}
	return cmds
}

// lookupIn returns the command of table called name.
func lookupIn(table []command, name string) (command, bool) {
	for _, c := range table {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// subNames lists a group's subcommands in the order of table: "check or
// example".
func subNames(table []command, group string) string {
	var names []string
	for _, c := range table {
		if sub, ok := strings.CutPrefix(c.name, group+" "); ok {
			names = append(names, sub)
		}
	}
	return orList(names)
}
