package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSecondSignalExitsBinary runs the real binary and stops it with two
// signals. To be sure the second one finds the process still running, the
// test makes the process block where no cancellation reaches it: the scan
// is over and the report, far larger than a pipe holds, goes to a stdout
// the test stops reading after its first byte. The first signal then only
// cancels the run's context; the second must end the process at once, with
// the signal's exit code.
func TestSecondSignalExitsBinary(t *testing.T) {
	bin := binary(t)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "t.yaml"), []byte(manyOpenGroups(200)), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(signalName(sig), func(t *testing.T) {
			code, stderr := runStoppedTwice(t, bin, dir, sig)
			if want := 128 + int(sig); code != want {
				t.Errorf("exit code %d, want %d\nstderr:\n%s", code, want, stderr)
			}
			if want := signalName(sig) + " received again: exiting now"; !strings.Contains(stderr, want) {
				t.Errorf("stderr does not say %q:\n%s", want, stderr)
			}
		})
	}
}

// runStoppedTwice starts a scan of dir, waits for its report to begin,
// sends sig, waits until rampart says it is stopping, sends sig again and
// returns the exit code and stderr. A process still running after a
// generous bound is killed and fails the test.
func runStoppedTwice(t *testing.T, bin, dir string, sig syscall.Signal) (int, string) {
	t.Helper()
	cmd := exec.Command(bin, "scan", dir, "--format", "json")
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir()}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	stderrPipe, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.AfterFunc(30*time.Second, func() { _ = cmd.Process.Kill() })
	defer deadline.Stop()

	lines := make(chan string, 16)
	var stderr strings.Builder
	readDone := make(chan struct{})
	go func() {
		defer close(readDone)
		sc := bufio.NewScanner(stderrPipe)
		for sc.Scan() {
			stderr.WriteString(sc.Text() + "\n")
			lines <- sc.Text()
		}
		close(lines)
	}()

	if _, err := io.ReadFull(stdout, make([]byte, 1)); err != nil {
		t.Fatalf("no report on stdout: %v", err)
	}
	if err := cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	stopping := signalName(sig) + " received: stopping"
	for line := range lines {
		if strings.Contains(line, stopping) {
			break
		}
	}
	if err := cmd.Process.Signal(sig); err != nil {
		t.Fatalf("second %s: %v", signalName(sig), err)
	}
	for range lines {
	}
	<-readDone
	err = cmd.Wait()
	if !deadline.Stop() {
		t.Fatalf("rampart was still running after 30 s and was killed\nstderr:\n%s", stderr.String())
	}
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return code, stderr.String()
}

// manyOpenGroups is a template of n security groups open to the world:
// its JSON report is far larger than a pipe's buffer.
func manyOpenGroups(n int) string {
	var b strings.Builder
	b.WriteString("Resources:\n")
	for i := range n {
		fmt.Fprintf(&b, `  G%d:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: open %d
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: 0.0.0.0/0
`, i, i)
	}
	return b.String()
}
