package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestWatchSignals(t *testing.T) {
	tests := []struct {
		name     string
		sigs     []os.Signal
		wantExit int // 0: exit not called
	}{
		{"one SIGINT cancels", []os.Signal{os.Interrupt}, 0},
		{"one SIGTERM cancels", []os.Signal{syscall.SIGTERM}, 0},
		{"a second SIGINT exits 130", []os.Signal{os.Interrupt, os.Interrupt}, 130},
		{"a second SIGTERM exits 143", []os.Signal{os.Interrupt, syscall.SIGTERM}, 143},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sigs := make(chan os.Signal, 2)
			exited := make(chan int, 1)
			var stderr bytes.Buffer
			ctx, stop := watchSignals(context.Background(), sigs, &stderr, func(code int) { exited <- code })
			defer stop()
			sigs <- tt.sigs[0]
			<-ctx.Done()
			got, ok := interruption(ctx)
			if !ok || got.sig != tt.sigs[0] {
				t.Fatalf("cause = %v, want interrupted by %v", context.Cause(ctx), tt.sigs[0])
			}
			if len(tt.sigs) > 1 {
				sigs <- tt.sigs[1]
			}
			select {
			case code := <-exited:
				if code != tt.wantExit {
					t.Errorf("exit(%d), want %d", code, tt.wantExit)
				}
			case <-time.After(200 * time.Millisecond):
				if tt.wantExit != 0 {
					t.Errorf("the second signal did not exit")
				}
			}
		})
	}
	t.Run("stop ends the watch without a cause", func(t *testing.T) {
		ctx, stop := watchSignals(context.Background(), make(chan os.Signal), &bytes.Buffer{}, func(int) { t.Error("exit called") })
		stop()
		if _, ok := interruption(ctx); ok {
			t.Error("a stopped watch reports an interruption")
		}
	})
}

func TestSignalExitCode(t *testing.T) {
	for sig, want := range map[os.Signal]int{os.Interrupt: 130, syscall.SIGTERM: 143} {
		if got := signalExitCode(sig); got != want {
			t.Errorf("signalExitCode(%v) = %d, want %d", sig, got, want)
		}
	}
}

// slowTree writes a repository large enough that a scan of it takes well
// over a second: many templates with many security groups each.
func slowTree(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	var tmpl strings.Builder
	tmpl.WriteString("AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n")
	for r := range 40 {
		fmt.Fprintf(&tmpl, "  SG%d:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: x\n"+
			"      SecurityGroupIngress:\n        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}\n", r)
	}
	for d := range 10 {
		sub := filepath.Join(dir, fmt.Sprintf("d%d", d))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			t.Fatal(err)
		}
		for i := range 150 {
			if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("t%d.yaml", i)), []byte(tmpl.String()), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return dir
}

// TestSignalStopsAScan sends SIGINT and SIGTERM to the real binary while it
// scans a large tree: it must exit promptly with 128+signal, say so, and
// leave the report file it was asked to replace as it was.
func TestSignalStopsAScan(t *testing.T) {
	bin := binary(t)
	dir := slowTree(t)
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			report := filepath.Join(t.TempDir(), "report.json")
			if err := os.WriteFile(report, []byte("previous report\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(bin, "scan", ".", "--format", "json", "-o", report)
			cmd.Dir = dir
			cmd.Env = []string{"PATH=" + os.Getenv("PATH")}
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(500 * time.Millisecond) // past start-up, into the scan
			sent := time.Now()
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			var err error
			select {
			case err = <-done:
			case <-time.After(10 * time.Second):
				cmd.Process.Kill()
				t.Fatalf("still running 10 s after %v", sig)
			}
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != 128+int(sig) {
				t.Fatalf("exit: %v, want code %d\nstderr:\n%s", err, 128+int(sig), stderr.String())
			}
			t.Logf("%v: exited %v after the signal", sig, time.Since(sent).Round(time.Millisecond))
			if !strings.Contains(stderr.String(), "no report was written") {
				t.Errorf("stderr does not say the report was not written:\n%s", stderr.String())
			}
			if got, _ := os.ReadFile(report); string(got) != "previous report\n" {
				t.Errorf("report file changed: %q", got)
			}
			if leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(report), ".*")); len(leftovers) > 0 {
				t.Errorf("temporary files left: %v", leftovers)
			}
		})
	}
}
