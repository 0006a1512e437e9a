package main

import (
	"context"
	"errors"
	"io"
	"testing"
	"time"
)

func TestInputEndsWithContext(t *testing.T) {
	pr, pw := io.Pipe() // a terminal nobody types into
	defer pw.Close()
	ctx, cancel := context.WithCancel(t.Context())
	in := newInput(ctx, pr)
	got := make(chan error, 1)
	go func() {
		_, err := io.ReadAll(in)
		got <- err
	}()
	pw.Write([]byte("a line\n"))
	cancel()
	select {
	case err := <-got:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("read after cancel = %v, want context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("read did not end with its context")
	}
	if in.tty {
		t.Error("a pipe counts as a terminal")
	}
}

func TestInputReadsToTheEnd(t *testing.T) {
	pr, pw := io.Pipe()
	go func() {
		pw.Write([]byte("one\ntwo\n"))
		pw.Close()
	}()
	data, err := io.ReadAll(newInput(t.Context(), pr))
	if err != nil || string(data) != "one\ntwo\n" {
		t.Errorf("ReadAll = %q, %v; want all of it", data, err)
	}
}
