import Foundation
import TestSupport
import Testing

/// A server that echoes the key in its errors: the key reaches no output a user or a
/// tool reads (stdout, stderr, `--json`, the session log, `codex config`).
@Suite(.timeLimit(.minutes(10))) struct SecretEchoTests {
  @Test func anEchoedKeyIsNeverShown() throws {
    let key = "sk-echo-\(UUID().uuidString.prefix(12))"
    let header = "hdr-secret-\(UUID().uuidString.prefix(12))"
    let server = try ScriptedModelServer(
      responses:
        #"[{"status": 500, "message": "upstream said: key \#(key), header \#(header)"}, {"status": 401, "message": "invalid key \#(key)"}]"#
    )
    defer { server.stop() }
    let config = """
      model = "m"
      model_provider = "s"
      [model_providers.s]
      base_url = "\(server.baseURL)"
      wire_api = "responses"
      env_key = "ECHO_API_KEY"
      request_max_retries = 1
      http_headers = { "X-Api-Key" = "\(header)" }
      """
    let home = try CodexProcess.makeHome(config: Data(config.utf8))
    let environment = ["CODEX_HOME": home, "ECHO_API_KEY": key]
    for json in [false, true] {
      let result = try CodexProcess.run(
        ["exec", "--skip-git-repo-check"] + (json ? ["--json"] : []) + ["go"],
        environment: environment, directory: home)
      #expect(result.status == 1)
      let all = result.stdout + result.stderr
      #expect(all.contains("[REDACTED]"), "\(all)")
      #expect(!all.contains(key) && !all.contains(header), "\(all)")
    }
    let report = try CodexProcess.run(["config"], environment: environment)
    let reportJSON = try CodexProcess.run(["config", "--json"], environment: environment)
    for output in [report.stdout, reportJSON.stdout] {
      #expect(!output.contains(header) && !output.contains(key))
      #expect(output.contains("[REDACTED]"))
    }
    // Nothing under CODEX_HOME (sessions, logs) holds them either.
    for file in try FileManager.default.subpathsOfDirectory(atPath: home)
    where file != "config.toml" {
      let text = String(
        decoding: FileManager.default.contents(atPath: home + "/" + file) ?? Data(), as: UTF8.self)
      #expect(!text.contains(key) && !text.contains(header), "\(file)")
    }
  }
}

/// What the model asks to run is untrusted even when it is only reported: a refused
/// command's escape sequences never reach the output.
@Suite(.timeLimit(.minutes(10))) struct RefusedCommandTextTests {
  @Test func aRefusedCommandIsShownWithoutItsEscapes() throws {
    let call =
      #"{"events": [{"function_call": {"name": "shell", "call_id": "c1", "arguments": {"command": ["sh", "-c", "echo \u001b]0;PWNED\u0007 \u001b[2J"]}}}]}"#
    let server = try ScriptedModelServer(
      responses: "[\(call), {\"events\": [{\"text\": \"ok\"}]}]")
    defer { server.stop() }
    let config =
      "model = \"m\"\nmodel_provider = \"s\"\n[model_providers.s]\nbase_url = \"\(server.baseURL)\"\nwire_api = \"responses\"\n"
    let home = try CodexProcess.makeHome(config: Data(config.utf8))
    let folder = try TestDirectory.make("codex-refused")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try "/approve untrusted\nrun it\n".write(
      toFile: folder + "/s.codex", atomically: true, encoding: .utf8)
    let result = try CodexProcess.run(
      ["run", "s.codex"], environment: ["CODEX_HOME": home], directory: folder)
    #expect(result.stdout.contains("approval needed, refused"), "\(result.stdout)")
    #expect(!(result.stdout + result.stderr).contains("\u{1B}"))
  }
}
