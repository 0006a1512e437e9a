package main

import (
	"context"
	"fmt"
	"io"
)

// runMigrate is `newsbrief migrate`: it brings the database's schema up to
// date and stops. Opening a store migrates it anyway; this lets an
// operator do it before starting several instances, and see that it
// worked.
func runMigrate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	f := newFlags("migrate", stdout)
	file := f.String("config", getenv("NEWSBRIEF_CONFIG"), "configuration `file` (YAML)")
	if err := f.parse(args); err != nil {
		return err
	}
	if f.NArg() > 0 {
		return usagef("migrate: want no arguments, got %d (the file goes in --config)", f.NArg())
	}
	cfg, _, err := loadConfig(*file, getenv, nil)
	if err != nil {
		return err
	}
	what := "SQLite database"
	if cfg.Database != "" {
		what = "PostgreSQL database"
	}
	store, err := openStore(ctx, configuredEnv(cfg, getenv))
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if err := store.Close(); err != nil {
		return fmt.Errorf("migrate: close: %w", err)
	}
	fmt.Fprintf(stdout, "the %s is up to date\n", what)
	return nil
}
