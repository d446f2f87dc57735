import Foundation
import TestSupport
import Testing

/// Lifecycle hooks configured with Codex 0.163's own text, run through this binary and
/// through the real CLI against the same scripted model: what each hook is told, and
/// what the model reads after a hook blocked, replaced or continued.
@Suite(.timeLimit(.minutes(10))) struct HookTests {
  /// A hook program: saves its payload as `OUT/EVENT-N.json`; `pre` blocks `rm` (exit 2
  /// with the reason on stderr), `stop` asks for one more round unless it already did.
  static let hookProgram = #"""
    import json, os, sys
    event, out = sys.argv[1], sys.argv[2]
    payload = json.load(sys.stdin)
    n = len([f for f in os.listdir(out) if f.startswith(event + "-")])
    with open(os.path.join(out, f"{event}-{n}.json"), "w") as f:
        json.dump(payload, f)
    if event == "pre" and payload["tool_input"]["command"].startswith("rm "):
        sys.stderr.write("no rm here")
        sys.exit(2)
    if event == "stop" and not payload["stop_hook_active"]:
        print(json.dumps({"decision": "block", "reason": "run the tests first"}))
    """#

  struct Setup {
    let server: ScriptedModelServer
    let home: String
    let workspace: String
    let out: String
  }

  /// A CODEX_HOME both programs read, with `hooks` (TOML) after the provider.
  static func setUp(script: String, hooks: (_ program: String, _ out: String) -> String) throws
    -> Setup
  {
    let server = try ScriptedModelServer(responses: script)
    let out = try TestDirectory.make("codex-hook-out")
    let home = try CodexProcess.makeHome()
    let program = home + "/hook.py"
    try hookProgram.write(toFile: program, atomically: true, encoding: .utf8)
    let config = """
      model = "gpt-5.5"
      model_provider = "s"
      approval_policy = "never"
      sandbox_mode = "workspace-write"

      [model_providers.s]
      name = "s"
      base_url = "\(server.baseURL)"
      wire_api = "responses"
      env_key = "SCRIPTED_KEY"
      \(hooks(program, out))
      """
    try config.write(toFile: home + "/config.toml", atomically: true, encoding: .utf8)
    let workspace = try TestDirectory.make("codex-hook-ws")
    try "keep me\n".write(toFile: workspace + "/x.txt", atomically: true, encoding: .utf8)
    return Setup(server: server, home: home, workspace: workspace, out: out)
  }

  /// `codex exec` by this binary or the real CLI; its exit status and stderr.
  static func exec(_ setup: Setup, real: Bool, _ arguments: [String]) throws -> (Int32, String) {
    let environment = ["CODEX_HOME": setup.home, "SCRIPTED_KEY": "k"]
    if real {
      var full = ProcessInfo.processInfo.environment.merging(environment) { $1 }
      full["PATH"] = RealCodexCLI.path(full["PATH"])
      let run = try Spawn.run(
        [RealCodexCLI.path!, "exec", "--skip-git-repo-check"] + arguments,
        directory: setup.workspace, environment: full)
      return (run.status, run.output)
    }
    let result = try CodexProcess.run(
      ["exec", "--skip-git-repo-check"] + arguments, environment: environment,
      directory: setup.workspace)
    return (result.status, result.stderr)
  }

  static func payload(_ setup: Setup, _ name: String) -> [String: Any]? {
    guard let data = FileManager.default.contents(atPath: setup.out + "/" + name + ".json") else {
      return nil
    }
    return try? JSONSerialization.jsonObject(with: data) as? [String: Any]
  }

  static let conversation = #"""
    [{"events": [{"function_call": {"name": "exec_command", "call_id": "c1", "arguments": {"cmd": "rm x.txt"}}}]},
     {"events": [{"function_call": {"name": "exec_command", "call_id": "c2", "arguments": {"cmd": "echo hello-from-command"}}}]},
     {"events": [{"text": "first answer"}]},
     {"events": [{"text": "second answer"}]}]
    """#

  static func codexHooks(_ program: String, _ out: String) -> String {
    """

    [[hooks.PreToolUse]]
    matcher = "Bash"
    [[hooks.PreToolUse.hooks]]
    type = "command"
    command = "python3 \(program) pre \(out)"
    timeout = 30

    [[hooks.PostToolUse]]
    matcher = "Bash"
    [[hooks.PostToolUse.hooks]]
    type = "command"
    command = "python3 \(program) post \(out)"

    [[hooks.UserPromptSubmit]]
    [[hooks.UserPromptSubmit.hooks]]
    type = "command"
    command = "python3 \(program) prompt \(out)"

    [[hooks.Stop]]
    [[hooks.Stop.hooks]]
    type = "command"
    command = "python3 \(program) stop \(out)"
    """
  }

  @Test(arguments: [false, true])
  func hooksAsCodexRunsThem(real: Bool) throws {
    if real, RealCodexCLI.path == nil { return }
    let setup = try Self.setUp(script: Self.conversation, hooks: Self.codexHooks)
    defer { setup.server.stop() }
    let (status, stderr) = try Self.exec(
      setup, real: real, ["--dangerously-bypass-hook-trust", "tidy up"])
    #expect(status == 0, "\(stderr)")

    // PreToolUse exiting 2 stopped `rm`; the model read why, in Codex's words.
    #expect(FileManager.default.fileExists(atPath: setup.workspace + "/x.txt"))
    let requests = setup.server.requests()
    // A Stop hook asking to continue gave exactly one more round.
    #expect(requests.count == 4)
    let last = try #require(
      String(
        data: try JSONSerialization.data(withJSONObject: requests.last?["body"] ?? [:]),
        encoding: .utf8))
    #expect(last.contains("Command blocked by PreToolUse hook: no rm here. Command: rm x.txt"))
    #expect(last.contains("run the tests first"))
    #expect(last.contains("<hook_prompt hook_run_id="))

    let pre = try #require(Self.payload(setup, "pre-0"))
    #expect(pre["hook_event_name"] as? String == "PreToolUse")
    #expect(pre["tool_name"] as? String == "Bash")
    #expect((pre["tool_input"] as? [String: Any])?["command"] as? String == "rm x.txt")
    #expect(pre["tool_use_id"] as? String == "c1")
    #expect(pre["permission_mode"] as? String == "bypassPermissions")
    #expect((pre["cwd"] as? String).map { $0.hasSuffix(setup.workspace) } == true)
    for key in ["session_id", "turn_id", "transcript_path", "model"] {
      #expect(pre[key] != nil, "PreToolUse payload lacks \(key)")
    }
    // PostToolUse saw the command's own output (the blocked call never ran).
    #expect(Self.payload(setup, "post-1") == nil)
    let post = try #require(Self.payload(setup, "post-0"))
    #expect((post["tool_response"] as? String)?.contains("hello-from-command") == true)
    #expect(post["tool_use_id"] as? String == "c2")
    let prompt = try #require(Self.payload(setup, "prompt-0"))
    #expect(prompt["prompt"] as? String == "tidy up")
    let stops = [Self.payload(setup, "stop-0"), Self.payload(setup, "stop-1")]
    #expect(stops[0]?["stop_hook_active"] as? Bool == false)
    #expect(stops[0]?["last_assistant_message"] as? String == "first answer")
    #expect(stops[1]?["stop_hook_active"] as? Bool == true)
    #expect(stops[1]?["last_assistant_message"] as? String == "second answer")
    #expect(Self.payload(setup, "stop-2") == nil)
  }

  /// Hooks not yet trusted do not run in exec; trust recorded by this binary
  /// (`/hooks trust` in a script) is honoured by the real CLI, and by this one.
  @Test func trustIsRecordedAsCodexRecordsIt() throws {
    let script =
      #"[{"events": [{"text": "one"}]}, {"events": [{"text": "two"}]}, {"events": [{"text": "three"}]}]"#
    let setup = try Self.setUp(script: script, hooks: Self.codexHooks)
    defer { setup.server.stop() }
    let (_, untrusted) = try Self.exec(setup, real: false, ["hello"])
    #expect(untrusted.contains("not trusted and will not run"), "\(untrusted)")
    #expect(Self.payload(setup, "prompt-0") == nil)

    let trust = setup.workspace + "/trust.codex"
    try "/hooks trust\n".write(toFile: trust, atomically: true, encoding: .utf8)
    let ran = try CodexProcess.run(
      ["run", trust], environment: ["CODEX_HOME": setup.home], directory: setup.workspace)
    #expect(ran.status == 0, "\(ran.stdout)\(ran.stderr)")
    let config = try String(contentsOfFile: setup.home + "/config.toml", encoding: .utf8)
    #expect(config.contains("[hooks.state.\"\(setup.home)/config.toml:user_prompt_submit:0:0\"]"))
    #expect(config.contains("trusted_hash = \"sha256:"))

    let (status, stderr) = try Self.exec(setup, real: false, ["hello again"])
    #expect(status == 0, "\(stderr)")
    #expect(Self.payload(setup, "prompt-0")?["prompt"] as? String == "hello again")
    guard RealCodexCLI.path != nil else { return }
    let (realStatus, realOutput) = try Self.exec(setup, real: true, ["and from codex"])
    #expect(realStatus == 0, "\(realOutput)")
    #expect(Self.payload(setup, "prompt-1")?["prompt"] as? String == "and from codex")
  }
}
