package main

import (
	"bytes"
	"crypto/rand"
	"debug/elf"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestDockerImage builds the Dockerfile's image with podman and checks
// what it holds, then runs `newsbrief demo` in it with standard input
// closed. No base image can be pulled here, so the build stage's output is
// laid out on the host, as that stage lays it out, and handed to the
// runtime stage with --build-context build=DIR. Where containers cannot
// run, the test says so and runs the image's own file tree under chroot,
// as the image's user, instead.
func TestDockerImage(t *testing.T) {
	longTest(t, "builds an image with podman")
	podman, err := exec.LookPath("podman")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("podman is not installed in CI: .ci/run installs it")
		}
		t.Skip("podman is not installed (apt-get install podman): the Dockerfile is not checked")
	}
	root := filepath.Join("..", "..")
	if ignore, err := os.ReadFile(filepath.Join(root, ".dockerignore")); err != nil || !slices.Contains(strings.Fields(string(ignore)), ".git") {
		t.Errorf(".dockerignore is missing or lets .git into the build context (%v)", err)
	}

	tree := buildStage(t)

	tag := "localhost/newsbrief-image-test:" + rand.Text()[:12]
	podmanRun := func(limit time.Duration, args ...string) (string, error) { return runPodman(podman, limit, args...) }
	dockerfile := filepath.Join(root, "Dockerfile")
	if out, err := podmanRun(5*time.Minute, "build", "--build-context", "build="+tree, "-f", dockerfile, "-t", tag, root); err != nil {
		t.Fatalf("podman build: %v\n%s", err, out)
	}
	t.Cleanup(func() { podmanRun(time.Minute, "rmi", "--force", tag) })
	rootfs := filepath.Join(t.TempDir(), "rootfs")
	if out, err := podmanRun(5*time.Minute, "build", "--build-context", "build="+tree, "-f", dockerfile, "-o", "type=local,dest="+rootfs, root); err != nil {
		t.Fatalf("podman build -o: %v\n%s", err, out)
	}

	checkImageFiles(t, rootfs)
	out, err := podmanRun(time.Minute, "image", "inspect", "--format", "{{json .Config}}", tag)
	if err != nil {
		t.Fatalf("podman image inspect: %v\n%s", err, out)
	}
	var config struct {
		User       string
		Entrypoint []string
		Cmd        []string
		Env        []string
		Volumes    map[string]any
	}
	if err := json.Unmarshal([]byte(out), &config); err != nil {
		t.Fatalf("podman image inspect: %v\n%s", err, out)
	}
	if config.User != "65532:65532" || !slices.Equal(config.Entrypoint, []string{"/newsbrief"}) || !slices.Equal(config.Cmd, []string{"run"}) ||
		!slices.Contains(config.Env, "NEWSBRIEF_DATA_DIR=/data") || config.Volumes["/data"] == nil {
		t.Errorf("the image's configuration is %+v; want user 65532, /newsbrief run, NEWSBRIEF_DATA_DIR=/data and the /data volume", config)
	}

	// The demo, with standard input closed, as `docker run image demo`.
	demo, err := podmanRun(2*time.Minute, "run", "--rm", "--network=none", tag, "demo")
	if err != nil {
		t.Logf("containers cannot run here (%v: %s); running the image's files under chroot as its user instead",
			err, strings.TrimSpace(demo))
		demo = chrootDemo(t, rootfs, config.Env)
	}
	wantAll(t, "newsbrief demo in the image", demo, "Today's brief:", "1. ", demoGuide)
}

// buildStage lays out on the host what the Dockerfile's build stage
// makes, /dist and /datadir, and returns the folder that holds them.
func buildStage(t *testing.T) string {
	t.Helper()
	tree := t.TempDir()
	dist := filepath.Join(tree, "dist")
	for _, d := range []string{filepath.Join(dist, "tmp"), filepath.Join(dist, "etc", "ssl", "certs"), filepath.Join(tree, "datadir")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	os.Chmod(filepath.Join(dist, "tmp"), 0o777|fs.ModeSticky)
	certs, err := os.ReadFile("/etc/ssl/certs/ca-certificates.crt")
	if err != nil {
		certs = []byte("# the host has no CA bundle; the test checks only that the file lands\n")
	}
	os.WriteFile(filepath.Join(dist, "etc", "ssl", "certs", "ca-certificates.crt"), certs, 0o644)
	build := exec.Command("go", "build", "-trimpath", "-tags", "timetzdata", "-ldflags", "-s -w -X main.version=image-test",
		"-o", filepath.Join(dist, "newsbrief"), ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	return tree
}

// runPodman runs podman with args and returns what it printed, killing it
// after limit.
func runPodman(podman string, limit time.Duration, args ...string) (string, error) {
	cmd := exec.Command(podman, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		return "", err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return out.String(), err
	case <-time.After(limit):
		cmd.Process.Kill()
		<-done
		return out.String(), fmt.Errorf("podman %s: no answer within %v", args[0], limit)
	}
}

// checkImageFiles checks the files of the image's root file system: a
// static binary, a /tmp anyone can write, /data for the image's user, and
// CA certificates.
func checkImageFiles(t *testing.T, rootfs string) {
	t.Helper()
	checkStatic(t, filepath.Join(rootfs, "newsbrief"))
	if fi, err := os.Stat(filepath.Join(rootfs, "tmp")); err != nil || fi.Mode().Perm() != 0o777 || fi.Mode()&fs.ModeSticky == 0 {
		t.Errorf("the image's /tmp: %v, %v; want a folder anyone can write (1777)", fi.Mode(), err)
	}
	if fi, err := os.Stat(filepath.Join(rootfs, "data")); err != nil || fi.Sys().(*syscall.Stat_t).Uid != 65532 {
		t.Errorf("the image's /data: %v; want a folder of the user 65532", err)
	}
	if _, err := os.Stat(filepath.Join(rootfs, "etc", "ssl", "certs", "ca-certificates.crt")); err != nil {
		t.Errorf("the image has no CA certificates: %v", err)
	}
}

// checkStatic fails unless the file is an executable that needs no
// dynamic loader: an empty image has no libc.
func checkStatic(t *testing.T, path string) {
	t.Helper()
	f, err := elf.Open(path)
	if err != nil {
		t.Errorf("the image's /newsbrief: %v", err)
		return
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			t.Errorf("the image's /newsbrief asks for a dynamic loader; build it with CGO_ENABLED=0")
		}
	}
}

// chrootDemo runs /newsbrief demo in the image's file tree as the image's
// user with its environment, standard input closed, and returns what it
// printed.
func chrootDemo(t *testing.T, rootfs string, env []string) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("containers cannot run here, and chroot needs root: the demo in the image is not checked")
	}
	chroot, err := exec.LookPath("chroot")
	if err != nil {
		t.Skip("containers cannot run here, and there is no chroot: the demo in the image is not checked")
	}
	os.Chmod(rootfs, 0o755) // an image's root is; the exported folder is not
	cmd := exec.Command(chroot, "--userspec=65532:65532", rootfs, "/newsbrief", "demo")
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("newsbrief demo in the image's files: %v\n%s", err, out)
	}
	return string(out)
}
