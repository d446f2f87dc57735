import Foundation
import TestSupport
import Testing

/// Processes the model leaves running with `exec_command` (background terminals) live
/// as long as the session and no longer: they answer in later turns, and whatever ends
/// codex — a signal, even SIGKILL — ends them with their whole tree.
@Suite(.timeLimit(.minutes(10))) struct BackgroundTerminalTests {
  static func call(_ name: String, _ id: String, _ arguments: [String: Any]) -> String {
    let object: [String: Any] = [
      "events": [["function_call": ["name": name, "call_id": id, "arguments": arguments]]]
    ]
    return String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self)
  }

  @Test(
    arguments: [("INT", 130), ("TERM", 143), ("HUP", 129), ("KILL", 137)],
    CommandSetting.allCases)
  func noBackgroundTerminalOutlivesASignalledCodex(
    _ signalAndStatus: (String, Int), _ setting: CommandSetting
  ) throws {
    let (signal, status) = signalAndStatus
    let marker = "32.\(UInt32.random(in: 10_000...99_999))"
    defer { CodexProcess.killAll(matching: "sleep \(marker)") }
    // The model starts a process that keeps running (with descendants that leave its
    // process group), then codex waits on a model that never answers.
    let command =
      "sleep \(marker) & " + CommandSetting.escaping(marker) + " touch started; sleep \(marker)"
    let server = try ScriptedModelServer(
      responses: "["
        + Self.call("exec_command", "e1", ["cmd": command, "yield_time_ms": 500])
        + #", {"events": [{"text": "never"}], "stall_after": 0}]"#)
    defer { server.stop() }
    let home = try CodexProcess.makeHome(server: server, model: "gpt-5.5")
    let workspace = try TestDirectory.make("codex-background-signal")
    defer { try? FileManager.default.removeItem(atPath: workspace) }
    var environment = ProcessInfo.processInfo.environment
    environment["CODEX_HOME"] = home
    environment.merge(setting.environment) { _, new in new }
    // Signalled once the model has been asked again, that is once the call returned
    // with the process still running.
    let script = """
      "$0" exec --skip-git-repo-check -s \(setting.sandbox) "start it" >out 2>err &
      pid=$!
      i=0
      asked() { n=$(grep -c '"path"' "$1" 2>/dev/null); [ "${n:-0}" -ge 2 ]; }
      while ! asked "$1" && [ $i -lt 400 ]; do sleep 0.05; i=$((i+1)); done
      kill -\(signal) $pid
      wait $pid
      echo "exit $?"
      """
    let run = try Spawn.run(
      ["/bin/sh", "-c", script, CodexProcess.binary, server.recordPath], directory: workspace,
      environment: environment)
    #expect(run.output.contains("exit \(status)"), "\(run.output)")
    #expect(FileManager.default.fileExists(atPath: workspace + "/started"))
    #expect(server.lastFunctionOutputs().first?.contains("Process running with session ID") == true)
    let left = try CodexProcess.processesLeft(matching: "sleep \(marker)")
    #expect(left.isEmpty, "still running after SIG\(signal): \(left)")
  }

  @Test func aServerStartedInOneTurnAnswersInTheNext() throws {
    // A free port, chosen here so the script can name it.
    let port = try Self.freePort()
    let serve = "python3 -m http.server \(port) --bind 127.0.0.1"
    let fetch =
      "for i in $(seq 100); do curl -sf http://127.0.0.1:\(port)/page.txt && break; sleep 0.1; done"
    let server = try ScriptedModelServer(
      responses: "["
        + Self.call("exec_command", "e1", ["cmd": serve, "yield_time_ms": 300])
        + #", {"events": [{"text": "Serving."}]}, "#
        + Self.call("exec_command", "e2", ["cmd": fetch, "yield_time_ms": 10000])
        + #", {"events": [{"text": "Fetched."}]}]"#)
    defer { server.stop() }
    let home = try CodexProcess.makeHome(
      server: server, model: "gpt-5.5",
      extra: """
        sandbox_mode = "workspace-write"
        approval_policy = "never"
        [sandbox_workspace_write]
        network_access = true
        """)
    let workspace = try TestDirectory.make("codex-dev-server")
    defer { try? FileManager.default.removeItem(atPath: workspace) }
    try "served page\n".write(toFile: workspace + "/page.txt", atomically: true, encoding: .utf8)
    try "start the dev server\n\nfetch the page\n".write(
      toFile: workspace + "/turns.codex", atomically: true, encoding: .utf8)
    let result = try CodexProcess.run(
      ["run", "turns.codex"], environment: ["CODEX_HOME": home], directory: workspace)
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    let outputs = server.lastFunctionOutputs()
    #expect(outputs.last?.contains("served page") == true, "\(outputs)")
    #expect(outputs.last?.contains("Process exited with code 0") == true, "\(outputs)")
    // The server went with the session.
    #expect(try CodexProcess.processesLeft(matching: serve).isEmpty)
  }

  /// A TCP port on 127.0.0.1 nothing listens on now.
  static func freePort() throws -> Int {
    let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(socket) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0
      }
    }
    try #require(bound)
    return Int(UInt16(bigEndian: address.sin_port))
  }
}
