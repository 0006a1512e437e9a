package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
)

// writeUsage prints the list of commands.
func writeUsage(w io.Writer, table []command) {
	fmt.Fprint(w, "newsbrief turns the news into short briefs and delivers them to chats.\n\nUsage: newsbrief COMMAND [ARGUMENTS]\n\nCommands:\n")
	for _, c := range table {
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
	// format is --format, for the commands that take it, and formats
	// the values it may have.
	format  *string
	formats []string
}

// formatFlag registers --format, whose value must be one of formats (the
// first is the default); parse refuses any other.
func (f *cmdFlags) formatFlag(usage string, formats ...string) *string {
	f.format, f.formats = f.String("format", formats[0], usage), formats
	return f.format
}

// newFlags returns the flag set of the command called name (a key of
// commands); help goes to stdout.
func newFlags(name string, stdout io.Writer) *cmdFlags {
	cmd, ok := lookupIn(commands, name)
	if !ok {
		panic("newsbrief: no command " + name) // a programming error
	}
	return newFlagsFor(cmd, stdout)
}

// newFlagsFor returns cmd's flag set; help goes to stdout.
func newFlagsFor(cmd command, stdout io.Writer) *cmdFlags {
	fs := flag.NewFlagSet(cmd.name, flag.ContinueOnError)
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
			return pos, f.checkFormat()
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), f.checkFormat() // everything after -- is an argument
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// checkFormat refuses a --format the command does not write.
func (f *cmdFlags) checkFormat() error {
	if f.format == nil || slices.Contains(f.formats, *f.format) {
		return nil
	}
	return usagef("%s: unknown format %q: want %s", f.cmd.name, *f.format, orList(f.formats))
}

// orList joins words as a person lists choices: "a, b or c".
func orList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}
