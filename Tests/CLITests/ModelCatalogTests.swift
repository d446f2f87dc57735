import Foundation
import TestSupport
import Testing

/// Which tools a model is offered, and the defaults of its requests, follow the model
/// catalog: the built-in copy of Codex's, or the file `model_catalog_json` names.
@Suite(.timeLimit(.minutes(10))) struct ModelCatalogTests {
  /// The first request of one `codex exec` turn with `config` (the provider lines are
  /// added), and the run's result.
  func firstRequest(
    _ config: String, wire: String = "responses", arguments: [String] = [],
    files: [String: String] = [:]
  ) throws -> (result: CodexProcess.Result, body: [String: Any]) {
    let server = try ScriptedModelServer(responses: #"[{"events": [{"text": "ok"}]}]"#)
    defer { server.stop() }
    let home = try CodexProcess.makeHome(
      config: Data(
        """
        model_provider = "s"
        \(config)
        [model_providers.s]
        base_url = "\(server.baseURL)"
        wire_api = "\(wire)"
        """.utf8))
    for (name, text) in files {
      try text.write(toFile: home + "/" + name, atomically: true, encoding: .utf8)
    }
    let result = try CodexProcess.run(
      ["exec", "--skip-git-repo-check"] + arguments + ["hi"], environment: ["CODEX_HOME": home],
      directory: home)
    let body = server.requests().first?["body"] as? [String: Any] ?? [:]
    return (result, body)
  }

  /// Each tool offered as `type:name`.
  func tools(_ body: [String: Any]) -> [String] {
    (body["tools"] as? [[String: Any]] ?? []).map {
      "\($0["type"] as? String ?? "?"):\($0["name"] as? String ?? "")"
    }
  }

  @Test func theDefaultModelGetsCodexsToolsAndRequestDefaults() throws {
    let (result, body) = try firstRequest("")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(body["model"] as? String == "gpt-5.5")
    let offered = tools(body)
    #expect(offered.contains("function:exec_command"), "\(offered)")
    #expect(offered.contains("function:write_stdin"), "\(offered)")
    #expect(offered.contains("custom:apply_patch"), "\(offered)")
    #expect(!offered.contains("function:shell"), "\(offered)")
    // As Codex 0.163 sends gpt-5.5's: its default effort, no summary, low verbosity.
    #expect((body["reasoning"] as? [String: Any])?["effort"] as? String == "medium")
    #expect((body["reasoning"] as? [String: Any])?["summary"] == nil)
    #expect((body["text"] as? [String: Any])?["verbosity"] as? String == "low")
    // The instructions speak of the tools offered, not of `shell`.
    let instructions = body["instructions"] as? String ?? ""
    #expect(instructions.contains("`exec_command`"), "\(instructions)")
    #expect(!instructions.contains("`shell` tool"), "\(instructions)")
    #expect(!result.stderr.contains("code mode"), "\(result.stderr)")
  }

  @Test func modelsTheCatalogDoesNotListAndTheChatWireGetShell() throws {
    for (config, wire) in [(#"model = "qwen2.5-coder""#, "responses"), ("", "chat")] {
      let (result, body) = try firstRequest(config, wire: wire)
      #expect(result.status == 0, "\(result.stderr)")
      let offered = tools(body)
      let functions = (body["tools"] as? [[String: Any]] ?? []).compactMap {
        ($0["function"] as? [String: Any])?["name"] as? String
      }
      let names = wire == "chat" ? functions : offered
      let shell = wire == "chat" ? "shell" : "function:shell"
      let patch = wire == "chat" ? "apply_patch" : "function:apply_patch"
      #expect(names.contains(shell), "\(wire): \(names)")
      #expect(names.contains(patch), "\(wire): \(names)")
      #expect(!names.contains { $0.hasSuffix("exec_command") }, "\(wire): \(names)")
      let instructions =
        wire == "chat"
        ? ((body["messages"] as? [[String: Any]])?.first?["content"] as? String ?? "")
        : body["instructions"] as? String ?? ""
      #expect(instructions.contains("`shell` tool"), "\(wire)")
    }
  }

  @Test func theFeatureFlagsOverrideTheCatalog() throws {
    let (_, off) = try firstRequest("model = \"gpt-5.5\"\n[features]\nunified_exec = false")
    #expect(tools(off).contains("function:shell"), "\(tools(off))")
    #expect(!tools(off).contains("function:exec_command"), "\(tools(off))")
    let (_, on) = try firstRequest(
      "model = \"qwen\"\n[features]\nunified_exec = true\napply_patch_freeform = true")
    #expect(tools(on).contains("function:exec_command"), "\(tools(on))")
    #expect(tools(on).contains("custom:apply_patch"), "\(tools(on))")
  }

  @Test func aCodeModeModelGetsTheFunctionToolsAndOneNotice() throws {
    let (result, body) = try firstRequest(#"model = "gpt-6.1-sol""#)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(tools(body).contains("function:exec_command"), "\(tools(body))")
    #expect((body["reasoning"] as? [String: Any])?["effort"] as? String == "low")
    let notices = result.stderr.components(separatedBy: "code mode").count - 1
    #expect(notices == 1, "\(result.stderr)")
    #expect(result.stderr.contains("gpt-6.1-sol"), "\(result.stderr)")
  }

  @Test func aCatalogFileReplacesTheBuiltInOne() throws {
    let catalog = """
      {"models": [{"slug": "house-model", "shell_type": "unified_exec",
                   "apply_patch_tool_type": null, "default_reasoning_level": "high",
                   "support_verbosity": true, "default_verbosity": "medium",
                   "context_window": 64000, "visibility": "list"}]}
      """
    let (result, body) = try firstRequest(
      "model = \"house-model\"\nmodel_catalog_json = \"models.json\"",
      files: ["models.json": catalog])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(tools(body).contains("function:exec_command"), "\(tools(body))")
    #expect(tools(body).contains("function:apply_patch"), "\(tools(body))")
    #expect((body["reasoning"] as? [String: Any])?["effort"] as? String == "high")
    #expect((body["text"] as? [String: Any])?["verbosity"] as? String == "medium")
    // gpt-5.5 is not in this catalog: it gets the tools of a model no catalog lists.
    let (_, other) = try firstRequest(
      "model = \"gpt-5.5\"\nmodel_catalog_json = \"models.json\"",
      files: ["models.json": catalog])
    #expect(tools(other).contains("function:shell"), "\(tools(other))")
  }

  @Test func aBrokenCatalogFileIsAnErrorNamingFileAndEntry() throws {
    let cases = [
      (#"{"models": [{"slug": "a", "shell_type": "bash"}]}"#, "models[0] (a): `shell_type`"),
      (#"{"models": [{"slug": "a"}, {"shell_type": "local"}]}"#, "models[1] has no `slug`"),
      ("{not json", "not valid JSON"), (#"{"data": []}"#, "no `models` array"),
    ]
    for (text, problem) in cases {
      let (result, _) = try firstRequest(
        #"model_catalog_json = "models.json""#, files: ["models.json": text])
      #expect(result.status == 2, "\(text): \(result.stderr)")
      #expect(result.stderr.contains("model_catalog_json"), "\(result.stderr)")
      #expect(result.stderr.contains("models.json"), "\(result.stderr)")
      #expect(result.stderr.contains(problem), "\(result.stderr)")
    }
    let (missing, _) = try firstRequest(#"model_catalog_json = "absent.json""#)
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("absent.json does not exist"), "\(missing.stderr)")
  }

  @Test func debugModelsPrintsACatalogThatLoadsBack() throws {
    let home = try CodexProcess.makeHome()
    let printed = try CodexProcess.run(["debug", "models"], environment: ["CODEX_HOME": home])
    #expect(printed.status == 0, "\(printed.stderr)")
    let catalog = try #require(
      try JSONSerialization.jsonObject(with: Data(printed.stdout.utf8)) as? [String: Any])
    let models = try #require(catalog["models"] as? [[String: Any]])
    let gpt55 = try #require(models.first { $0["slug"] as? String == "gpt-5.5" })
    #expect(gpt55["shell_type"] as? String == "unified_exec")
    #expect(gpt55["apply_patch_tool_type"] as? String == "freeform")
    #expect(gpt55["tool_mode"] is NSNull)
    try printed.stdout.write(toFile: home + "/models.json", atomically: true, encoding: .utf8)
    try "model_catalog_json = \"models.json\"\n".write(
      toFile: home + "/config.toml", atomically: true, encoding: .utf8)
    let reread = try CodexProcess.run(["debug", "models"], environment: ["CODEX_HOME": home])
    #expect(reread.status == 0, "\(reread.stderr)")
    #expect(reread.stdout == printed.stdout)
  }
}
