import Foundation
import TestSupport
import Testing

/// The interactive REPL in a real pseudo-terminal (tmux), against the scripted model
/// server: what a person at the keyboard sees.
@Suite(
  .serialized, .enabled(if: TmuxSession.isAvailable, "needs tmux on PATH"), .timeLimit(.minutes(10)))
struct ReplTerminalTests {
  static func workspace(git: Bool = false) throws -> String {
    let path = TestDirectory.path("codex-tty")
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    if git {
      try "hello\n".write(toFile: path + "/README.md", atomically: true, encoding: .utf8)
      let setup = try Spawn.run(
        [
          "/bin/sh", "-c",
          "git init -q && git add . && git -c user.name=t -c user.email=t@t commit -qm init",
        ], directory: path)
      #expect(setup.status == 0, "\(setup.output)")
    }
    return path
  }

  static func config(_ server: ScriptedModelServer, _ extra: String = "") -> Data {
    Data(
      """
      model = "main-model"
      model_provider = "alpha"
      [model_providers.alpha]
      name = "Alpha"
      base_url = "\(server.baseURL)"
      wire_api = "responses"
      [model_providers.beta]
      name = "Beta"
      base_url = "\(server.baseURL)"
      wire_api = "chat"
      [profiles.fast]
      model = "fast-model"
      [profiles.other]
      model = "other-model"
      model_provider = "beta"
      \(extra)
      """.utf8)
  }

  static func start(
    home: String, directory: String, arguments: [String] = [], environment: [String: String] = [:]
  ) throws -> TmuxSession {
    var env = ["CODEX_HOME": home, "TERM": "xterm-256color", "LANG": "C.UTF-8"]
    env.merge(environment) { _, new in new }
    return try TmuxSession(
      [CodexProcess.binary] + arguments, environment: env, directory: directory)
  }

  static func body(_ request: [String: Any]) throws -> String {
    let body = try #require(request["body"] as? [String: Any])
    return String(
      decoding: try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]),
      as: UTF8.self)
  }

  /// Escape sequences in the model's answer and in a command's output (title, clear
  /// screen, cursor moves, OSC 52, bell) leave the pane's title and screen as they were.
  @Test func escapeSequencesInUntrustedTextCannotDriveTheTerminal() throws {
    let hostile =
      #"\u001b]0;PWNED\u0007\u001b[2J\u001b[H\u001b]52;c;ZXZpbA==\u0007\u0007safe answer"#
    let server = try ScriptedModelServer(
      responses: "[{\"events\": [{\"text\": \"\(hostile)\"}]}]")
    defer { server.stop() }
    let home = try CodexProcess.makeHome(config: Self.config(server))
    let directory = try Self.workspace()
    let session = try Self.start(home: home, directory: directory)
    defer { session.stop() }
    try session.waitFor("› ")
    let titleBefore = try session.title()
    try session.type("first question")
    try session.press("Enter")
    try session.waitFor("safe answer")
    try session.waitFor("› ", count: 2)
    try session.type(#"!printf '\033]2;PWNED2\007\033[2Jshell said\n'"#)
    try session.press("Enter")
    let screen = try session.waitFor("exit 0")
    #expect(screen.contains("first question"), "the screen was cleared:\n\(screen)")
    #expect(try session.title() == titleBefore)
    // Only the typed command line may show the words of the sequences.
    let shown = screen.split(separator: "\n").filter { !$0.contains("printf") }
    #expect(!shown.contains { $0.contains("PWNED") }, "\(screen)")
    #expect(shown.contains { $0.hasPrefix("shell said") }, "\(screen)")
    let raw = session.rawOutput()
    #expect(!String(decoding: raw, as: UTF8.self).contains("\u{1B}]0;PWNED"))
    #expect(!raw.contains(0x07), "a bell reached the terminal")
  }

  /// SIGTERM to the interactive session mid-command: the command is stopped, the
  /// terminal put back, a line says so, exit 143.
  @Test func sigtermStopsTheSessionCleanly() throws {
    let marker = "34.\(UInt32.random(in: 10_000...99_999))"
    let call =
      #"{"events": [{"function_call": {"name": "shell", "call_id": "c1", "arguments": {"command": ["sleep", "\#(marker)"], "timeout_ms": 120000}}}]}"#
    let server = try ScriptedModelServer(responses: "[\(call)]")
    defer { server.stop() }
    defer { CodexProcess.killAll(matching: "sleep \(marker)") }
    let home = try CodexProcess.makeHome(config: Self.config(server))
    let directory = try Self.workspace()
    let session = try Self.start(home: home, directory: directory, arguments: ["-a", "never"])
    defer { session.stop() }
    try session.waitFor("› ")
    try session.type("run the long one")
    try session.press("Enter")
    try session.waitFor("$ sleep \(marker)")
    // The line is shown as the command starts: wait until it runs.
    var running = try CodexProcess.processesMatching("sleep \(marker)")
    for _ in 0..<100 where running.isEmpty {
      usleep(20_000)
      running = try CodexProcess.processesMatching("sleep \(marker)")
    }
    #expect(!running.isEmpty)
    kill(try session.programPID(), SIGTERM)
    #expect(try session.waitForExit() == 143)
    #expect(try session.screen().contains("stopped by SIGTERM"))
    var left = try CodexProcess.processesMatching("sleep \(marker)")
    for _ in 0..<40 where !left.isEmpty {
      usleep(50_000)
      left = try CodexProcess.processesMatching("sleep \(marker)")
    }
    #expect(left.isEmpty, "still running: \(left)")
  }

  /// Ctrl-C mid-command ends the command and everything it started, in each of the ways
  /// a command runs; the next prompt works.
  @Test(arguments: CommandSetting.allCases)
  func ctrlCEndsTheCommandAndEverythingItStarted(_ setting: CommandSetting) throws {
    let marker = "36.\(UInt32.random(in: 10_000...99_999))"
    let script = "sleep \(marker) & " + CommandSetting.escaping(marker) + " sleep \(marker)"
    let call =
      #"{"events": [{"function_call": {"name": "shell", "call_id": "c1", "arguments": {"command": ["sh", "-c", "\#(script)"], "timeout_ms": 120000}}}]}"#
    let server = try ScriptedModelServer(
      responses: "[\(call), {\"events\": [{\"text\": \"Still here.\"}]}]")
    defer { server.stop() }
    defer { CodexProcess.killAll(matching: "sleep \(marker)") }
    let home = try CodexProcess.makeHome(config: Self.config(server))
    let session = try Self.start(
      home: home, directory: try Self.workspace(),
      arguments: ["-a", "never", "-s", setting.sandbox], environment: setting.environment)
    defer { session.stop() }
    try session.waitFor("› ")
    try session.type("run the long one")
    try session.press("Enter")
    // The shell and its four sleeps run before Ctrl-C.
    var running = try CodexProcess.processesMatching("sleep \(marker)")
    for _ in 0..<250 where running.count < 5 {
      usleep(20_000)
      running = try CodexProcess.processesMatching("sleep \(marker)")
    }
    #expect(running.count == 5, "running: \(running)")
    try session.press("C-c")
    try session.waitFor("interrupted")
    let left = try CodexProcess.processesLeft(matching: "sleep \(marker)")
    #expect(left.isEmpty, "still running: \(left)")
    try session.waitFor("› ", count: 2)
    try session.type("are you there?")
    try session.press("Enter")
    try session.waitFor("Still here.")
  }

  /// In a git repository with no recorded trust the session asks once, records the
  /// answer in config.toml (comments kept) and uses its defaults; the next session does
  /// not ask.
  @Test func anUnknownRepositoryIsAskedAboutOnce() throws {
    let server = try ScriptedModelServer(responses: #"[{"events": [{"text": "Hi."}]}]"#)
    defer { server.stop() }
    let home = try CodexProcess.makeHome(
      config: Data(("# my settings\n" + String(decoding: Self.config(server), as: UTF8.self)).utf8))
    let directory = try Self.workspace(git: true)
    let first = try TmuxSession(
      [CodexProcess.binary],
      environment: ["CODEX_HOME": home, "TERM": "xterm-256color", "LANG": "C.UTF-8"],
      directory: directory)
    defer { first.stop() }
    try first.waitFor("Trust this project? [y/n]")
    // One key answers, without Enter.
    try first.type("y")
    try first.waitFor("› ")
    try first.type("/status")
    try first.press("Enter")
    try first.waitFor("sandbox: workspace-write")
    let text = try String(contentsOfFile: home + "/config.toml", encoding: .utf8)
    #expect(text.hasPrefix("# my settings\n"))
    #expect(text.contains("trust_level = \"trusted\""), "\(text)")
    try first.press("C-d")
    _ = try first.waitForExit()

    let second = try Self.start(home: home, directory: directory)
    defer { second.stop() }
    try second.waitFor("› ")
    #expect(!(try second.screen()).contains("Trust this project"))
  }

  /// `tui.notifications`: OSC 9 when a turn ends and when an approval waits.
  @Test func notificationsWhenATurnEndsAndAnApprovalWaits() throws {
    let call =
      #"{"events": [{"function_call": {"name": "shell", "call_id": "n1", "arguments": {"command": ["touch", "x"]}}}]}"#
    let server = try ScriptedModelServer(
      responses: "[\(call), {\"events\": [{\"text\": \"Made x.\"}]}]")
    defer { server.stop() }
    let home = try CodexProcess.makeHome(
      config: Self.config(server, "[tui]\nnotifications = true\nnotification_method = \"osc9\"\n"))
    let tty = try Self.start(
      home: home, directory: try Self.workspace(),
      arguments: ["-a", "untrusted", "-s", "workspace-write"])
    defer { tty.stop() }
    try tty.waitFor("› ")
    try tty.type("make x")
    try tty.press("Enter")
    try tty.waitFor("The model wants to run")
    try tty.press("y")
    try tty.waitFor("Made x.")
    try tty.waitFor("› ", count: 2)
    let raw = String(decoding: tty.rawOutput(), as: UTF8.self)
    #expect(raw.contains("\u{1B}]9;Codex wants to run touch x\u{07}"), "\(raw.debugDescription)")
    #expect(raw.contains("\u{1B}]9;Made x.\u{07}"))
  }

  @Test func tabCompletesCommandsAndProfilesAndUpRecallsAnEarlierRun() throws {
    let server = try ScriptedModelServer(responses: #"[{"events": [{"text": "Noted."}]}]"#)
    defer { server.stop() }
    let home = try CodexProcess.makeHome(config: Self.config(server))
    let directory = try Self.workspace()
    let first = try Self.start(home: home, directory: directory)
    try first.waitFor("› ")
    try first.type("remember this prompt")
    try first.press("Enter")
    try first.waitFor("Noted.")
    try first.waitFor("› ", count: 2)
    try first.press("C-d")
    let firstStatus = try first.waitForExit()
    let firstScreen = try first.screen()
    #expect(firstStatus == 0, "\(firstScreen)")
    first.stop()

    let second = try Self.start(home: home, directory: directory)
    try second.waitFor("› ")
    try second.type("/pro")
    try second.press("Tab")
    try second.waitFor("› /profile ")
    // Two profiles: one Tab only beeps, a second lists them, once.
    try second.press("Tab")
    try second.press("Tab")
    let listed = try second.waitUntil("the profile list") {
      $0.contains("fast") && $0.contains("other")
    }
    #expect(listed.components(separatedBy: "other").count == 2, "\(listed)")
    try second.type("o")
    try second.press("Tab")
    try second.waitFor("› /profile other ")
    try second.press("C-u")
    try second.press("Up")
    try second.waitFor("› remember this prompt")
    try second.press("C-u", "C-d")
    #expect(try second.waitForExit() == 0)
    // Ctrl-D leaves no ^D behind.
    #expect(!(try second.screen()).contains("^D"))
    // Prompts also go to history.jsonl (history.persistence defaults to save-all).
    let history = try String(contentsOfFile: home + "/history.jsonl", encoding: .utf8)
    #expect(history.contains("\"text\":\"remember this prompt\""))
  }

  @Test func profileSwitchSendsTheNextTurnToTheOtherProviderWithTheHistory() throws {
    let server = try ScriptedModelServer(
      responses:
        #"[{"events": [{"text": "First answer."}]}, {"events": [{"text": "Second answer."}]}]"#
    )
    defer { server.stop() }
    let home = try CodexProcess.makeHome(config: Self.config(server))
    let tty = try Self.start(home: home, directory: try Self.workspace())
    try tty.waitFor("(main-model · read-only) › ")
    try tty.type("first question")
    try tty.press("Enter")
    try tty.waitFor("First answer.")
    try tty.waitFor("› ", count: 2)
    try tty.type("/profile other")
    try tty.press("Enter")
    try tty.waitFor("profile: other (other-model via beta")
    try tty.waitFor("› ", count: 3)
    try tty.type("second question")
    try tty.press("Enter")
    try tty.waitFor("Second answer.")
    let requests = server.requests()
    #expect(requests.count == 2)
    #expect((requests[0]["path"] as? String)?.hasSuffix("/responses") == true)
    #expect((requests[1]["path"] as? String)?.hasSuffix("/chat/completions") == true)
    let second = try Self.body(requests[1])
    #expect(second.contains("\"model\":\"other-model\""))
    #expect(second.contains("first question"))
    #expect(second.contains("First answer."))
    #expect(second.contains("second question"))
  }

  @Test func untrustedAsksAndNoRefusesAndAlwaysStopsAsking() throws {
    func call(_ id: String) -> String {
      #"{"events": [{"function_call": {"name": "shell", "call_id": "\#(id)", "arguments": {"command": ["touch", "made"]}}}]}"#
    }
    let server = try ScriptedModelServer(
      responses: "["
        + [
          call("c1"), #"{"events": [{"text": "Not run then."}]}"#,
          call("c2"), #"{"events": [{"text": "Made once."}]}"#,
          call("c3"), #"{"events": [{"text": "Made twice."}]}"#,
        ].joined(separator: ",") + "]")
    defer { server.stop() }
    let home = try CodexProcess.makeHome(config: Self.config(server))
    let directory = try Self.workspace()
    let tty = try Self.start(home: home, directory: directory)
    try tty.waitFor("› ")
    try tty.type("/approve untrusted")
    try tty.press("Enter")
    try tty.waitFor("approval policy: untrusted")
    try tty.type("make a file")
    try tty.press("Enter")
    try tty.waitFor("[q] abort the turn:")
    #expect(try tty.screen().contains("$ touch made"))
    try tty.press("n")
    try tty.waitFor("Not run then.")
    try tty.waitFor("› ", count: 3)
    #expect(!FileManager.default.fileExists(atPath: directory + "/made"))
    let refusal = try Self.body(server.requests()[1])
    #expect(refusal.contains("c1") && refusal.contains("the user declined"))

    try tty.type("try again")
    try tty.press("Enter")
    try tty.waitFor("[q] abort the turn:", count: 2)
    try tty.press("a")
    // Approved, it still runs in the (read-only) sandbox first; only the sandbox's
    // denial leads to the question about running it without.
    try tty.waitFor("[q] abort the turn:", count: 3)
    #expect(try tty.screen().contains("the sandbox denied it"))
    #expect(!FileManager.default.fileExists(atPath: directory + "/made"))
    try tty.press("a")
    try tty.waitFor("Made once.")
    try tty.waitFor("› ", count: 4)
    #expect(FileManager.default.fileExists(atPath: directory + "/made"))
    try tty.type("once more")
    try tty.press("Enter")
    try tty.waitFor("Made twice.")
    #expect(try tty.screen().components(separatedBy: "[q] abort the turn:").count - 1 == 3)
  }

  @Test func ctrlCStopsAStreamingAnswerAndTheNextPromptWorks() throws {
    let server = try ScriptedModelServer(
      responses:
        #"[{"events": [{"text": "Partial words "}, {"text": "never sent"}], "stall_after": 2}, {"events": [{"text": "Second prompt done."}]}]"#
    )
    defer { server.stop() }
    let home = try CodexProcess.makeHome(config: Self.config(server))
    let tty = try Self.start(home: home, directory: try Self.workspace())
    try tty.waitFor("› ")
    try tty.type("talk slowly")
    try tty.press("Enter")
    try tty.waitFor("Partial words")
    try tty.press("C-c")
    try tty.waitFor("interrupted")
    try tty.waitFor("› ", count: 2)
    try tty.type("and now?")
    try tty.press("Enter")
    try tty.waitFor("Second prompt done.")
    try tty.waitFor("› ", count: 3)
    // The interrupted answer's text stays in the conversation.
    #expect(try Self.body(server.requests()[1]).contains("Partial words"))
    // Ctrl-C twice on an empty line leaves.
    try tty.press("C-c")
    try tty.waitFor("Ctrl-C again")
    try tty.press("C-c")
    #expect(try tty.waitForExit() == 0)
  }

  @Test func diffShowsUntrackedFilesAndUndoRestoresTheLastTurn() throws {
    let patch =
      "*** Begin Patch\\n*** Add File: added.txt\\n+brand new\\n*** Update File: README.md\\n@@\\n-hello\\n+hello, changed\\n*** End Patch"
    let server = try ScriptedModelServer(
      responses:
        #"[{"events": [{"function_call": {"name": "apply_patch", "call_id": "p1", "arguments": {"input": "\#(patch)"}}}]}, {"events": [{"text": "Patched."}]}]"#
    )
    defer { server.stop() }
    let home = try CodexProcess.makeHome(config: Self.config(server))
    let directory = try Self.workspace(git: true)
    try "an untracked line\n".write(
      toFile: directory + "/notes.txt", atomically: true, encoding: .utf8)
    let tty = try Self.start(
      home: home, directory: directory, arguments: ["-s", "workspace-write", "-a", "never"])
    try tty.waitFor("› ")
    try tty.type("/diff")
    try tty.press("Enter")
    try tty.waitFor("+an untracked line")
    try tty.waitFor("› ", count: 2)
    try tty.type("change things")
    try tty.press("Enter")
    try tty.waitFor("Patched.")
    try tty.waitFor("› ", count: 3)
    #expect(try tty.screen().contains("+hello, changed"))
    #expect(
      try String(contentsOfFile: directory + "/README.md", encoding: .utf8) == "hello, changed\n")
    try tty.type("/undo")
    try tty.press("Enter")
    try tty.waitFor("restored:")
    #expect(try String(contentsOfFile: directory + "/README.md", encoding: .utf8) == "hello\n")
    #expect(!FileManager.default.fileExists(atPath: directory + "/added.txt"))
    // The untracked file predates the turn, so undo leaves it.
    #expect(FileManager.default.fileExists(atPath: directory + "/notes.txt"))
  }

  @Test func mcpShowsServersAndTheirToolsAndTheModelCallsThem() throws {
    try MCPPeers.require()
    let directory = try Self.workspace(git: true)
    let call =
      #"{"name": "git__git_status", "call_id": "g1", "arguments": {"repo_path": "\#(directory)"}}"#
    let server = try ScriptedModelServer(
      responses:
        #"[{"events": [{"function_call": \#(call)}]}, {"events": [{"text": "Clean tree."}]}]"#)
    defer { server.stop() }
    let servers = """
      [mcp_servers.git]
      command = "\(MCPPeers.gitServer)"
      args = ["--repository", "\(directory)"]
      [mcp_servers.broken]
      command = "/bin/false"
      """
    let home = try CodexProcess.makeHome(config: Self.config(server, servers))
    // A sandbox chosen on the command line: no question about trusting the repository.
    let tty = try Self.start(home: home, directory: directory, arguments: ["-s", "read-only"])
    try tty.waitFor("› ")
    try tty.type("/mcp")
    try tty.press("Enter")
    try tty.waitFor("git: ready")
    try tty.waitFor("› ", count: 2)
    let screen = try tty.screen()
    #expect(screen.contains("git_status"))
    #expect(screen.contains("broken: failed"))
    #expect(screen.contains("exited with status 1"))
    try tty.type("what is the status?")
    try tty.press("Enter")
    try tty.waitFor("Clean tree.")
    #expect(try tty.screen().contains("git.git_status"))
    let second = try Self.body(server.requests()[1])
    #expect(second.contains("On branch") || second.contains("Repository status"))
  }

  @Test(arguments: [["NO_COLOR": "1"], ["TERM": "dumb"]])
  func noColourMeansNoEscapeSequences(_ environment: [String: String]) throws {
    let server = try ScriptedModelServer(
      responses:
        ##"[{"events": [{"text": "# Heading\n\nSome **bold** and `code`.\n"}], "delay_ms": 50}]"##)
    defer { server.stop() }
    let home = try CodexProcess.makeHome(config: Self.config(server))
    let tty = try Self.start(home: home, directory: try Self.workspace(), environment: environment)
    try tty.waitFor("› ")
    try tty.type("show me")
    try tty.press("Enter")
    try tty.waitFor("Some **bold** and `code`.")
    try tty.waitFor("› ", count: 2)
    try tty.type("/status")
    try tty.press("Enter")
    try tty.waitFor("approval policy:")
    try tty.waitFor("› ", count: 3)
    try tty.press("C-d")
    _ = try tty.waitForExit()
    let raw = tty.rawOutput()
    if environment["TERM"] == "dumb" {
      #expect(!raw.contains(0x1B), "\(String(decoding: raw, as: UTF8.self).debugDescription)")
    } else {
      // The line editor may move the cursor, but nothing is coloured.
      let text = String(decoding: raw, as: UTF8.self)
      #expect(
        text.range(of: "\u{1B}\\[[0-9;]*m", options: .regularExpression) == nil,
        "\(text.debugDescription)")
    }
  }

  /// A patch asked about shows its diff once, in the question; "always" covers later
  /// patches to the same files for the session, and only them.
  @Test(.enabled(if: TmuxSession.isAvailable, "needs tmux on PATH"))
  func aPatchsDiffShowsOnceAndAlwaysMeansTheseFiles() throws {
    func patch(_ id: String, _ body: String) -> String {
      let object: [String: Any] = [
        "events": [
          [
            "function_call": [
              "name": "apply_patch", "call_id": id,
              "arguments": ["input": "*** Begin Patch\n" + body + "*** End Patch\n"],
            ]
          ]
        ]
      ]
      return String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }
    let server = try ScriptedModelServer(
      responses: "[" + patch("p1", "*** Add File: notes.txt\n+first-line-unique\n")
        + #", {"events": [{"text": "One."}]}, "#
        + patch("p2", "*** Update File: notes.txt\n@@\n-first-line-unique\n+changed-line\n")
        + #", {"events": [{"text": "Same file."}]}, "#
        + patch("p3", "*** Add File: notes2.txt\n+second-line-unique\n")
        + #", {"events": [{"text": "Two."}]}]"#)
    defer { server.stop() }
    let home = try CodexProcess.makeHome(
      config: Self.config(server, "approval_policy = \"untrusted\"\nsandbox_mode = \"read-only\""))
    let directory = try TestDirectory.make("codex-diff-once")
    let tty = try Self.start(home: home, directory: directory)
    defer { tty.stop() }
    try tty.waitFor("› ")
    try tty.type("write notes")
    try tty.press("Enter")
    let asked = try tty.waitFor("[a] always for these files (this session)")
    #expect(asked.contains("+first-line-unique"))
    try tty.type("a")
    let done = try tty.waitFor("One.")
    // The diff was shown in the question only.
    #expect(done.components(separatedBy: "+first-line-unique").count == 2, "\(done)")
    #expect(done.contains("A notes.txt"), "\(done)")
    // The same file again: not asked.
    try tty.type("change notes")
    try tty.press("Enter")
    let same = try tty.waitFor("Same file.")
    #expect(same.components(separatedBy: "Allow?").count == 2, "\(same)")
    #expect(
      try String(contentsOfFile: directory + "/notes.txt", encoding: .utf8) == "changed-line\n")
    // Another file is asked about again.
    try tty.type("more notes")
    try tty.press("Enter")
    try tty.waitFor("Allow?", count: 2)
    try tty.type("y")
    try tty.waitFor("Two.")
    #expect(FileManager.default.fileExists(atPath: directory + "/notes2.txt"))
  }
}
