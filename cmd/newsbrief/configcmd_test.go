package main

import (
	"errors"
	"testing"
)

func TestConfigErrorsCountTheirMistakes(t *testing.T) {
	for _, tt := range []struct{ err, want string }{
		{"a.yaml:1:1: bad", "the configuration has 1 mistake; fix it and try again:\n  a.yaml:1:1: bad"},
		{"a.yaml:1:1: bad\na.yaml:2:1: worse", "the configuration has 2 mistakes; fix them and try again:\n  a.yaml:1:1: bad\n  a.yaml:2:1: worse"},
	} {
		if got := (configErrors{errors.New(tt.err)}).Error(); got != tt.want {
			t.Errorf("configErrors(%q) = %q, want %q", tt.err, got, tt.want)
		}
	}
}
