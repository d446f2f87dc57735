import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Bugs at the edges a user would meet, each through the real binary: a patch whose
/// write fails half way, a file's mode, a forked session with a call left unanswered,
/// a secret that contains another, the sandbox's personality rule.
@Suite(.timeLimit(.minutes(10))) struct EdgeCaseTests {
  func workspace() throws -> String {
    let path = try TestDirectory.make("codex-edge")
    try "one\n".write(toFile: path + "/a.txt", atomically: true, encoding: .utf8)
    try "#!/bin/sh\necho hi\n".write(toFile: path + "/run.sh", atomically: true, encoding: .utf8)
    chmod(path + "/run.sh", 0o755)
    return path
  }

  @Test func aPatchWhoseLaterWriteFailsLeavesEveryFileAsItWas() throws {
    let directory = try workspace()
    // Planning accepts all three; the third write fails (run.sh is a file, not a folder),
    // after a.txt and new.txt were written.
    let patch = """
      *** Begin Patch
      *** Update File: a.txt
      @@
      -one
      +two
      *** Add File: new.txt
      +new
      *** Add File: run.sh/inner.txt
      +never
      *** End Patch
      """
    let result = try CodexProcess.run(["apply-patch", patch], directory: directory)
    #expect(result.status == 1)
    #expect(result.stderr.contains("patch not applied, no file changed"), "\(result.stderr)")
    #expect(result.stderr.contains("run.sh/inner.txt"), "\(result.stderr)")
    #expect(try String(contentsOfFile: directory + "/a.txt", encoding: .utf8) == "one\n")
    #expect(!FileManager.default.fileExists(atPath: directory + "/new.txt"))
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == [
        "a.txt", "run.sh",
      ])
  }

  @Test func aPatchKeepsAFilesMode() throws {
    let directory = try workspace()
    let patch = "*** Begin Patch\n*** Update File: run.sh\n@@\n-echo hi\n+echo bye\n*** End Patch"
    let result = try CodexProcess.run(["apply-patch", patch], directory: directory)
    #expect(result.status == 0, "\(result.stderr)")
    var info = stat()
    #expect(stat(directory + "/run.sh", &info) == 0)
    #expect(info.st_mode & 0o777 == 0o755)
    #expect(
      try String(contentsOfFile: directory + "/run.sh", encoding: .utf8) == "#!/bin/sh\necho bye\n")
    // Through the sandboxed tool too (the confined writer).
    let server = try ScriptedModelServer(
      responses: "["
        + #"{"events": [{"function_call": {"name": "apply_patch", "call_id": "p", "arguments": {"input": "*** Begin Patch\n*** Update File: run.sh\n@@\n-echo bye\n+echo again\n*** End Patch"}}}]}"#
        + #", {"events": [{"text": "ok"}]}]"#)
    defer { server.stop() }
    let home = try CodexProcess.makeHome(server: server)
    let exec = try CodexProcess.run(
      ["exec", "--skip-git-repo-check", "-s", "workspace-write", "go"],
      environment: ["CODEX_HOME": home], directory: directory)
    #expect(exec.status == 0, "\(exec.stderr)")
    #expect(stat(directory + "/run.sh", &info) == 0)
    #expect(info.st_mode & 0o777 == 0o755)
    #expect(try String(contentsOfFile: directory + "/run.sh", encoding: .utf8).hasSuffix("again\n"))
  }

  @Test func aSecretThatContainsAnotherIsMaskedWhole() throws {
    let short = "nested-\(UUID().uuidString.prefix(8))"
    let long = short + "-tail-\(UUID().uuidString.prefix(8))"
    let server = try ScriptedModelServer(
      responses: #"[{"status": 401, "message": "rejected \#(long) and \#(short)"}]"#)
    defer { server.stop() }
    let config = """
      model = "m"
      model_provider = "s"
      [model_providers.s]
      base_url = "\(server.baseURL)"
      wire_api = "responses"
      env_key = "NESTED_API_KEY"
      request_max_retries = 0
      http_headers = { "X-Team" = "\(short)" }
      """
    let home = try CodexProcess.makeHome(config: Data(config.utf8))
    for json in [false, true] {
      let result = try CodexProcess.run(
        ["exec", "--skip-git-repo-check"] + (json ? ["--json"] : []) + ["go"],
        environment: ["CODEX_HOME": home, "NESTED_API_KEY": long], directory: home)
      let all = result.stdout + result.stderr
      #expect(all.contains("[REDACTED]"), "\(all)")
      #expect(!all.contains("-tail-") && !all.contains(short), "\(all)")
    }
    for file in try FileManager.default.subpathsOfDirectory(atPath: home)
    where file != "config.toml" {
      let text = String(
        decoding: FileManager.default.contents(atPath: home + "/" + file) ?? Data(), as: UTF8.self)
      #expect(!text.contains("-tail-") && !text.contains(short), "\(file)")
    }
  }

  @Test func aForkedSessionAnswersACallLeftWithoutOutput() throws {
    let call =
      #"{"events": [{"function_call": {"name": "shell", "call_id": "call_open", "arguments": {"command": ["echo", "hi"]}}}]}"#
    let server = try ScriptedModelServer(
      responses:
        "[\(call), {\"events\": [{\"text\": \"ran\"}]}, {\"events\": [{\"text\": \"forked\"}]}]")
    defer { server.stop() }
    let home = try CodexProcess.makeHome(server: server)
    let directory = try TestDirectory.make("codex-fork-open")
    let first = try CodexProcess.run(
      ["exec", "--skip-git-repo-check", "-s", "workspace-write", "run it"],
      environment: ["CODEX_HOME": home], directory: directory)
    #expect(first.status == 0, "\(first.stderr)")
    // The log as a crash would leave it: the call, and nothing after it.
    let logs =
      (FileManager.default.enumerator(atPath: home + "/sessions")?.allObjects as? [String] ?? [])
      .filter { $0.hasSuffix(".jsonl") }
    let log = home + "/sessions/" + (try #require(logs.first))
    let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
    let cut = try #require(lines.firstIndex { $0.contains("\"function_call_output\"") })
    try (lines[..<cut].joined(separator: "\n") + "\n").write(
      toFile: log, atomically: true, encoding: .utf8)
    let fork = try CodexProcess.run(
      ["fork", "--last"], stdin: Data("again\n".utf8), environment: ["CODEX_HOME": home],
      directory: directory)
    #expect(fork.status == 0, "\(fork.stderr)")
    #expect(fork.stdout.contains("forked"), "\(fork.stdout)")
    let body = try #require(server.requests().last?["body"] as? [String: Any])
    let input = try #require(body["input"] as? [[String: Any]])
    let outputs = input.filter { $0["type"] as? String == "function_call_output" }
    #expect(outputs.count == 1)
    #expect(outputs.first?["call_id"] as? String == "call_open")
    #expect(
      (outputs.first?["output"] as? String)?.hasPrefix("aborted: codex was interrupted") == true)
  }

  @Test(arguments: [true, false])
  func thePersonalityCanBeReadButNotChanged(namespaces: Bool) throws {
    let result = try CodexProcess.run(
      [
        "sandbox", "-s", "workspace-write", "--", "python3", "-c",
        """
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        print("query", libc.personality(ctypes.c_ulong(0xffffffff)))
        print("change", libc.personality(ctypes.c_ulong(0x0040000)), ctypes.get_errno())
        """,
      ],
      environment: [
        "CODEX_HOME": try CodexProcess.makeHome(),
        "CODEX_SANDBOX_NAMESPACES": namespaces ? "1" : "0",
      ], directory: try workspace())
    #expect(result.stdout == "query 0\nchange -1 1\n", "\(result.stdout)\(result.stderr)")
  }
}
