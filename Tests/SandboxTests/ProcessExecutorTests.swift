import Foundation
import Sandbox
import Testing

@Suite(.timeLimit(.minutes(10))) struct ProcessExecutorTests {
  let env = ["PATH": "/usr/local/bin:/usr/bin:/bin"]

  func request(_ script: String, timeout: Duration? = nil, limit: Int = 1 << 20) -> ExecRequest {
    ExecRequest(
      command: ["sh", "-c", script], workingDirectory: "/", environment: env, timeout: timeout,
      killGrace: .milliseconds(300), outputLimit: limit)
  }

  @Test func capturesBothStreamsAndTheExitCode() async throws {
    let result = try await ProcessExecutor.run(request("echo out; echo err >&2; exit 3"))
    #expect(result.exitCode == 3)
    #expect(result.signal == nil)
    #expect(result.stdout.text == "out\n")
    #expect(result.stderr.text == "err\n")
    #expect(!result.timedOut)
  }

  @Test func stdinIsDevNullAndTheWorkingDirectoryIsUsed() async throws {
    var req = request("cat; pwd")
    req.workingDirectory = "/usr"
    let result = try await ProcessExecutor.run(req)
    #expect(result.stdout.text == "/usr\n")
  }

  @Test func bytesThatAreNotUTF8Survive() async throws {
    let result = try await ProcessExecutor.run(request("printf '\\377\\376ok'"))
    #expect(result.stdout.keptBytes == [0xFF, 0xFE, 0x6F, 0x6B])
  }

  @Test func outputIsStreamedAsItArrives() async throws {
    // The command prints its second line only once the first has reached the handler,
    // so it passes only if output is delivered while the command still runs.
    let flag = FileManager.default.temporaryDirectory.appendingPathComponent(
      "codex-stream-\(UUID().uuidString)"
    ).path
    defer { try? FileManager.default.removeItem(atPath: flag) }
    let chunks = Chunks()
    let script =
      "echo one; i=0; while [ ! -e '\(flag)' ] && [ $i -lt 3000 ]; do sleep 0.01; i=$((i+1)); done; echo two"
    let result = try await ProcessExecutor.run(request(script)) { _, bytes in
      chunks.add(String(decoding: bytes, as: UTF8.self))
      _ = FileManager.default.createFile(atPath: flag, contents: nil)
    }
    #expect(result.exitCode == 0)
    #expect(chunks.all == ["one\n", "two\n"])
  }

  @Test func largeOutputKeepsHeadAndTailAndCountsTheRest() async throws {
    let result = try await ProcessExecutor.run(request("seq 1 100000", limit: 1000))
    #expect(result.stdout.totalByteCount == 588_895)
    #expect(result.stdout.elidedByteCount == 588_895 - 1000)
    #expect(result.stdout.text.hasPrefix("1\n2\n3\n"))
    #expect(result.stdout.text.hasSuffix("99999\n100000\n"))
    #expect(result.stdout.text.contains("[… 587895 bytes elided …]"))
  }

  @Test func timeoutTerminatesTheGroupThenKillsIt() async throws {
    let result = try await ProcessExecutor.run(
      request("trap '' TERM; sleep 30 & sleep 30", timeout: .milliseconds(200)))
    #expect(result.timedOut)
    #expect(result.signal == 9)
    #expect(result.status == 137)
    // The command's own duration: wall time around `await` would also count how long
    // the test runner's busy threads took to resume this task.
    #expect(result.duration < .seconds(5))
  }

  @Test func timeoutWithACooperativeCommandEndsWithSigterm() async throws {
    let result = try await ProcessExecutor.run(request("sleep 30", timeout: .milliseconds(100)))
    #expect(result.timedOut)
    #expect(result.signal == 15)
  }

  @Test func cancellingTheTaskStopsTheCommand() async throws {
    // Cancel only once the command has visibly started, whatever the scheduler does.
    let (started, signal) = AsyncStream<Void>.makeStream()
    let task = Task {
      try await ProcessExecutor.run(request("echo started; sleep 30")) { _, _ in signal.yield() }
    }
    for await _ in started { break }
    task.cancel()
    let result = try await task.value
    #expect(result.cancelled)
    #expect(result.signal == 15)
    #expect(result.stdout.text == "started\n")
    #expect(result.duration < .seconds(10))
  }

  @Test func backgroundChildrenDoNotHoldTheResultBack() async throws {
    let result = try await ProcessExecutor.run(request("sleep 5 & echo done"))
    #expect(result.stdout.text == "done\n")
    #expect(result.duration < .seconds(3))
  }

  @Test func whatTheCommandLeavesBehindEndsWhenItReturns() async throws {
    let marker = "35.\(UInt32.random(in: 10_000...99_999))"
    let result = try await ProcessExecutor.run(
      request("sleep \(marker) & setsid sleep \(marker) & (sleep \(marker) &); echo done"))
    #expect(result.stdout.text == "done\n")
    // The supervisor has killed and reaped every one before it exited.
    let left = try FileManager.default.contentsOfDirectory(atPath: "/proc").filter { entry in
      guard Int(entry) != nil,
        let line = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline")
      else { return false }
      return String(decoding: line, as: UTF8.self).contains(marker)
    }
    #expect(left.isEmpty, "still running: \(left)")
  }

  @Test func theSupervisorHoldsNoDescriptorOfCodex() async throws {
    // Otherwise it would keep other commands' pipes open for as long as it runs.
    let result = try await ProcessExecutor.run(request("ls /proc/$PPID/fd | wc -l"))
    #expect(result.stdout.text.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
  }

  /// A supervisor dies with the thread that spawned it: a program meant to run on (an
  /// MCP server) must not end when the thread that asked for it retires.
  @Test func aLaunchedProgramOutlivesTheThreadThatStartedIt() throws {
    final class Box: @unchecked Sendable { var pid: Int32 = 0 }
    let box = Box()
    let null = open("/dev/null", O_RDWR)
    defer { close(null) }
    var thread = pthread_t()
    let context = Unmanaged.passRetained(box).toOpaque()
    let made = pthread_create(
      &thread, nil,
      { raw in
        let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
        let null = open("/dev/null", O_RDWR)
        box.pid =
          (try? ProcessExecutor.launch(
            ExecRequest(
              command: ["sleep", "30"], workingDirectory: "/",
              environment: ["PATH": "/usr/bin:/bin"]),
            stdin: null, stdout: null, stderr: null)) ?? 0
        close(null)
        return nil
      }, context)
    #expect(made == 0)
    // Joined: the thread has exited, and the kernel has sent any death signal it owes.
    #expect(pthread_join(thread, nil) == 0)
    #expect(box.pid > 0)
    // The signal is on its way at the thread's exit; give the supervisor time to act on
    // it (a bound for the bug to show, not for the outcome: with the bug it ends in
    // milliseconds).
    var status: Int32 = 0
    var ended = false
    for _ in 0..<150 where !ended {
      ended = waitpid(box.pid, &status, WNOHANG) == box.pid
      if !ended { usleep(20_000) }
    }
    #expect(!ended, "the program ended with the thread that started it")
    kill(-box.pid, SIGKILL)
    kill(box.pid, SIGKILL)
    while waitpid(box.pid, &status, 0) < 0 && errno == EINTR {}
  }

  @Test func badRequestsAreErrors() async throws {
    await #expect(throws: ExecError.workingDirectoryMissing("/nope")) {
      var req = request("true")
      req.workingDirectory = "/nope"
      _ = try await ProcessExecutor.run(req)
    }
    await #expect(throws: ExecError.commandNotFound("no-such-program-here")) {
      _ = try await ProcessExecutor.run(
        ExecRequest(command: ["no-such-program-here"], workingDirectory: "/", environment: env))
    }
  }
}

final class Chunks: @unchecked Sendable {
  private let lock = NSLock()
  private var list: [String] = []
  func add(_ chunk: String) { lock.withLock { list.append(chunk) } }
  var all: [String] { lock.withLock { list } }
}
