package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"gopkg.in/yaml.v3"

	"github.com/newsbrief/newsbrief/config"
)

// runConfig is `newsbrief config check|example`.
func runConfig(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usagef("config: want check or example")
	}
	switch args[0] {
	case "example":
		_, err := io.WriteString(stdout, config.Example)
		return err
	case "check":
		fs := newFlagSet("config check", stderr)
		file := fs.String("config", getenv("NEWSBRIEF_CONFIG"), "configuration `file` (YAML)")
		if err := parseFlags(fs, args[1:]); err != nil {
			return err
		}
		cfg, err := config.Load(*file, getenv)
		_, terr := botTopics(cfg.Topics)
		if err != nil || terr != nil {
			return usageError{errors.Join(err, terr)}
		}
		// The effective configuration, secrets redacted by their type.
		out, err := yaml.Marshal(cfg)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "# effective configuration (file %q, then NEWSBRIEF_* variables)\n%s", *file, out)
		return nil
	}
	return usagef("config: unknown subcommand %q: want check or example", args[0])
}
