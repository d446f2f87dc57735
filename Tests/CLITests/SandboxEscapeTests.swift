import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Ways out of the sandbox, tried through the real binary: each is refused and what
/// lies outside stays byte for byte as it was.
@Suite(.timeLimit(.minutes(10))) struct SandboxEscapeTests {
  let base = TestDirectory.path("codex-escape")
  var workspace: String { base + "/ws" }
  var outside: String { base + "/outside" }

  init() throws {
    let manager = FileManager.default
    try manager.createDirectory(atPath: workspace + "/.git", withIntermediateDirectories: true)
    try manager.createDirectory(atPath: outside, withIntermediateDirectories: true)
    try "secret\n".write(toFile: outside + "/secret.txt", atomically: true, encoding: .utf8)
    try "a\n".write(toFile: workspace + "/a.txt", atomically: true, encoding: .utf8)
    try "[core]\n".write(toFile: workspace + "/.git/config", atomically: true, encoding: .utf8)
    try manager.createSymbolicLink(atPath: workspace + "/link", withDestinationPath: outside)
  }

  func patchCall(_ id: String, _ patch: String, throughShell: Bool = false) -> String {
    let escaped = patch.replacingOccurrences(of: "\n", with: "\\n")
    if throughShell {
      return
        #"{"events": [{"function_call": {"name": "shell", "call_id": "\#(id)", "arguments": {"command": ["apply_patch", "\#(escaped)"]}}}]}"#
    }
    return
      #"{"events": [{"function_call": {"name": "apply_patch", "call_id": "\#(id)", "arguments": {"input": "\#(escaped)"}}}]}"#
  }

  func exec(
    _ server: ScriptedModelServer, _ flags: [String], environment: [String: String] = [:]
  ) throws -> CodexProcess.Result {
    let config = """
      model = "m"
      model_provider = "scripted"
      [model_providers.scripted]
      base_url = "\(server.baseURL)"
      wire_api = "responses"
      request_max_retries = 0
      """
    let home = try CodexProcess.makeHome(config: Data(config.utf8))
    return try CodexProcess.run(
      ["exec"] + flags + ["go"], environment: environment.merging(["CODEX_HOME": home]) { $1 },
      directory: workspace)
  }

  func outputs(_ server: ScriptedModelServer) -> [String] { server.lastFunctionOutputs() }

  func outsideListing() throws -> [String: String] {
    var files: [String: String] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: outside) {
      files[name] = try String(contentsOfFile: outside + "/" + name, encoding: .utf8)
    }
    return files
  }

  @Test func patchesCannotLeaveTheWorkspaceThroughADirectoryLink() throws {
    let patches = [
      "*** Begin Patch\n*** Add File: link/x\n+pwned\n*** End Patch",
      "*** Begin Patch\n*** Update File: link/secret.txt\n@@\n-secret\n+pwned\n*** End Patch",
      "*** Begin Patch\n*** Delete File: link/secret.txt\n*** End Patch",
      "*** Begin Patch\n*** Update File: a.txt\n*** Move to: link/moved.txt\n@@\n-a\n+b\n*** End Patch",
    ]
    var responses = patches.enumerated().map { patchCall("p\($0.offset)", $0.element) }
    responses.append(patchCall("s1", patches[0], throughShell: true))
    responses.append(patchCall("s2", patches[2], throughShell: true))
    responses.append(#"{"events": [{"text": "tried"}]}"#)
    let server = try ScriptedModelServer(responses: "[" + responses.joined(separator: ",") + "]")
    defer { server.stop() }
    let result = try exec(server, ["-s", "workspace-write", "-a", "never"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try outsideListing() == ["secret.txt": "secret\n"])
    #expect(try String(contentsOfFile: workspace + "/a.txt", encoding: .utf8) == "a\n")
    let told = outputs(server)
    #expect(told.count == 6)
    for output in told {
      #expect(output.contains("patch not applied"), "\(output)")
      #expect(output.contains("resolves to \(outside)/"), "\(output)")
      #expect(output.contains("outside the writable roots"), "\(output)")
    }
  }

  @Test func untrustedAsksForEveryPatchAndWithoutATerminalTheModelIsTold() throws {
    let server = try ScriptedModelServer(
      responses: "["
        + patchCall("p1", "*** Begin Patch\n*** Add File: inside.txt\n+hi\n*** End Patch")
        + #", {"events": [{"text": "ok"}]}]"#)
    defer { server.stop() }
    let result = try exec(server, ["-s", "workspace-write", "-a", "untrusted"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: workspace + "/inside.txt"))
    #expect(outputs(server).first?.hasPrefix("patch not applied") == true)
  }

  @Test func untrustedRunsKnownReadOnlyGitAndAsksForTextconv() throws {
    func shell(_ id: String, _ command: [String]) -> String {
      let argv = command.map { "\"\($0)\"" }.joined(separator: ", ")
      return
        #"{"events": [{"function_call": {"name": "shell", "call_id": "\#(id)", "arguments": {"command": [\#(argv)]}}}]}"#
    }
    let server = try ScriptedModelServer(
      responses: "["
        + [
          shell("c1", ["git", "-C", ".", "status"]),
          shell("c2", ["git", "show", "--textconv", "HEAD:a.txt"]),
          shell("c3", ["sed", "-n", "1p", "-i", "a.txt"]), #"{"events": [{"text": "ok"}]}"#,
        ].joined(separator: ",") + "]")
    defer { server.stop() }
    let result = try exec(server, ["-s", "workspace-write", "-a", "untrusted"])
    #expect(result.status == 0, "\(result.stderr)")
    let told = outputs(server)
    #expect(told.count == 3)
    #expect(told.first?.contains("exit_code") == true, "\(told)")
    #expect(told.dropFirst().allSatisfy { $0.hasPrefix("command was not run") }, "\(told)")
  }

  @Test func withoutNamespacesTheFirstRefusedCommandSaysWhy() throws {
    let call =
      #"{"events": [{"function_call": {"name": "shell", "call_id": "c1", "arguments": {"command": ["touch", "NEWS"]}}}]}"#
    let server = try ScriptedModelServer(
      responses:
        "[\(call), \(call.replacingOccurrences(of: "c1", with: "c2")), {\"events\": [{\"text\": \"ok\"}]}]"
    )
    defer { server.stop() }
    let result = try exec(
      server, ["-s", "workspace-write", "-a", "never"],
      environment: ["CODEX_SANDBOX_NAMESPACES": "0"])
    #expect(result.status == 0, "\(result.stderr)")
    let told = outputs(server)
    #expect(told.count == 2)
    #expect(told[0].contains("cannot create or delete files directly at its top level"))
    #expect(!told[1].contains("cannot create or delete files directly at its top level"))
    #expect(!FileManager.default.fileExists(atPath: workspace + "/NEWS"))
  }

  /// `codex sandbox -- sh -c SCRIPT` in the workspace.
  func sandboxed(_ script: String, _ flags: [String] = ["-s", "workspace-write"]) throws
    -> CodexProcess.Result
  {
    try CodexProcess.run(
      ["sandbox"] + flags + ["--", "sh", "-c", script],
      environment: ["CODEX_HOME": try CodexProcess.makeHome()], directory: workspace)
  }

  @Test func sandboxedCommandsSignalOnlyTheirOwnProcesses() throws {
    // This test process is outside the sandbox; SIGCONT would do no harm if it arrived.
    // In a PID namespace of its own the outsider is not even there to name (ESRCH);
    // without one, Landlock's signal scope refuses (EPERM).
    let outsider = try sandboxed("kill -CONT \(getpid())")
    #expect(outsider.status != 0)
    #expect(
      outsider.stderr.contains("No such process")
        || outsider.stderr.contains("Operation not permitted"), "\(outsider.stderr)")
    let scoped = try CodexProcess.run(
      ["sandbox", "-s", "workspace-write", "--", "sh", "-c", "kill -CONT \(getpid())"],
      environment: ["CODEX_HOME": try CodexProcess.makeHome(), "CODEX_SANDBOX_NAMESPACES": "0"],
      directory: workspace)
    #expect(scoped.stderr.contains("Operation not permitted"), "\(scoped.stderr)")
    let own = try sandboxed("sleep 30 & kill $! && wait $!; echo status=$?")
    #expect(own.stdout == "status=143\n", "\(own.stdout)\(own.stderr)")
  }

  /// A listening unix socket owned by this (unsandboxed) process; abstract when the
  /// name starts with NUL.
  func listen(_ name: String) throws -> Int32 {
    let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let bytes = Array(name.utf8)
    withUnsafeMutableBytes(of: &address.sun_path) { path in
      for (index, byte) in bytes.enumerated() { path[index] = byte }
    }
    let length = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count)
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
    }
    #expect(bound == 0)
    #expect(Glibc.listen(fd, 8) == 0)
    return fd
  }

  @Test func unixSocketsOutsideAreUnreachableWithTheNetworkOff() throws {
    let path = outside + "/agent.sock"
    let abstract = "\0codex-escape-\(UUID().uuidString.prefix(8))"
    let sockets = [try listen(path), try listen(abstract)]
    defer { sockets.forEach { _ = close($0) } }
    let probe = """
      python3 -c '
      import socket, sys
      for address in sys.argv[1:]:
          s = socket.socket(socket.AF_UNIX)
          try:
              s.connect(address.replace("@", "\\0", 1)); print("connected")
          except OSError as error:
              print("refused", error.errno)
      ' \(path) @\(abstract.dropFirst())
      """
    let off = try sandboxed(probe)
    #expect(
      off.stdout.components(separatedBy: "\n").filter { $0.hasPrefix("refused") }.count == 2,
      "\(off.stdout)\(off.stderr)")
    let allowed = try sandboxed(
      probe,
      ["-s", "workspace-write", "-c", "sandbox_workspace_write.allow_unix_sockets=[\"\(path)\"]"])
    #expect(allowed.stdout.hasPrefix("connected\nrefused"), "\(allowed.stdout)\(allowed.stderr)")
    let on = try sandboxed(
      probe, ["-s", "workspace-write", "-c", "sandbox_workspace_write.network_access=true"])
    #expect(on.stdout == "connected\nconnected\n", "\(on.stdout)\(on.stderr)")
  }
}
