package main

import (
	"cmp"
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
)

// version and commit are set at build time with -ldflags "-X
// main.version=... -X main.commit=..."; else the build information's are
// used, when the build recorded them.
var (
	version = "dev"
	commit  = ""
)

// runVersion is "newsbrief version" and "newsbrief --version".
func runVersion(ctx context.Context, m *Main, args []string) error {
	fmt.Fprintln(m.stdout, versionLine())
	return nil
}

// versionLine says which newsbrief this is: "newsbrief v1.2.0 (commit
// 1a2b3c4d5e6f, built with go1.26.0)"; "+changes" marks a build from a
// tree with uncommitted changes.
func versionLine() string {
	v, rev := version, cmp.Or(commit, "unknown")
	if info, ok := debug.ReadBuildInfo(); ok && commit == "" {
		if v == "dev" && info.Main.Version != "" && info.Main.Version != "(devel)" {
			v = info.Main.Version
		}
		modified := false
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value[:min(12, len(s.Value))]
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
		if modified && rev != "unknown" {
			rev += "+changes"
		}
	}
	return fmt.Sprintf("newsbrief %s (commit %s, built with %s)", v, rev, runtime.Version())
}
