import Foundation
import TestSupport
import Testing

/// The MCP client against real servers (the Python SDK's), in `codex exec` turns
/// driven by the scripted model server.
@Suite(.timeLimit(.minutes(10))) struct MCPClientTests {
  struct Setup {
    let server: ScriptedModelServer
    let home: String
    let workspace: String
  }

  func setUp(script: String, servers: String) throws -> Setup {
    try MCPPeers.require()
    let server = try ScriptedModelServer(responses: script)
    let config = """
      model = "m"
      model_provider = "scripted"
      [model_providers.scripted]
      base_url = "\(server.baseURL)"
      wire_api = "responses"
      request_max_retries = 0

      """ + servers
    let home = try CodexProcess.makeHome(config: Data(config.utf8))
    let workspace = TestDirectory.path("codex-mcp")
    try FileManager.default.createDirectory(
      atPath: workspace + "/.git", withIntermediateDirectories: true)
    return Setup(server: server, home: home, workspace: workspace)
  }

  func exec(_ setup: Setup, environment: [String: String] = [:]) throws -> CodexProcess.Result {
    try CodexProcess.run(
      ["exec", "go"], environment: ["CODEX_HOME": setup.home].merging(environment) { $1 },
      directory: setup.workspace)
  }

  static func body(_ request: [String: Any]) throws -> String {
    String(
      decoding: try JSONSerialization.data(withJSONObject: request["body"] ?? [:]), as: UTF8.self)
  }

  @Test func timeServerToolsAreListedAndCalledWhileBrokenServersAreSkipped() throws {
    let script = """
      [{"events": [{"function_call": {"name": "time__get_current_time", "arguments": {"timezone": "Europe/Paris"}, "call_id": "t1"}}]},
       {"events": [{"text": "It is late."}]}]
      """
    let setup = try setUp(
      script: script,
      servers: """
        [mcp_servers.time]
        command = "\(MCPPeers.timeServer)"

        [mcp_servers.missing]
        command = "no-such-mcp-server-anywhere"

        [mcp_servers.quitter]
        command = "/bin/sh"
        args = ["-c", "echo cannot go on >&2; exit 3"]

        [mcp_servers.noisy]
        command = "\(MCPPeers.python)"
        args = ["\(MCPPeers.fixtureServer)", "noisy"]
        """)
    defer { setup.server.stop() }
    let result = try exec(setup)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "It is late.\n")
    #expect(
      result.stderr.contains(
        "MCP server missing is skipped: command not found: no-such-mcp-server-anywhere"))
    #expect(result.stderr.contains("MCP server quitter is skipped: it exited with status 3"))
    #expect(result.stderr.contains("cannot go on"))
    #expect(result.stderr.contains("⚙ time.get_current_time"))

    let requests = setup.server.requests()
    #expect(requests.count == 2)
    let tools = (requests.first?["body"] as? [String: Any])?["tools"] as? [[String: Any]] ?? []
    let names = tools.compactMap { $0["name"] as? String }
    #expect(names.contains("time__get_current_time"))
    #expect(names.contains("time__convert_time"))
    #expect(!names.contains { $0.hasPrefix("missing__") || $0.hasPrefix("quitter__") })
    // A stray line on a server's stdout is skipped, not fatal.
    #expect(names.contains("noisy__echo"))
    // The tool's answer reaches the model.
    let second = try Self.body(requests[1])
    #expect(second.contains("function_call_output"))
    #expect(second.contains("Europe\\/Paris") || second.contains("Europe/Paris"))
    #expect(second.contains("day_of_week"))
  }

  @Test func aStalledCallTimesOutAndAServerDyingMidCallIsReported() throws {
    let script = """
      [{"events": [{"function_call": {"name": "fixture__wait", "arguments": {"seconds": 30}, "call_id": "w1"}}]},
       {"events": [{"function_call": {"name": "fixture__die", "arguments": {}, "call_id": "d1"}}]},
       {"events": [{"function_call": {"name": "fixture__echo", "arguments": {"text": "still there?"}, "call_id": "e1"}}]},
       {"events": [{"text": "Finished anyway."}]}]
      """
    let setup = try setUp(
      script: script,
      servers: """
        [mcp_servers.fixture]
        command = "\(MCPPeers.python)"
        args = ["\(MCPPeers.fixtureServer)", "stdio"]
        tool_timeout_sec = 1
        """)
    defer { setup.server.stop() }
    let start = ContinuousClock.now
    let result = try exec(setup)
    #expect(ContinuousClock.now - start < .seconds(20))
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "Finished anyway.\n")
    let requests = setup.server.requests()
    #expect(requests.count == 4)
    #expect(try Self.body(requests[1]).contains("the tool did not answer within 1 s"))
    #expect(
      try Self.body(requests[2]).contains("the MCP server exited with status 7 during the call"))
    #expect(try Self.body(requests[3]).contains("MCP server fixture is not available"))
  }

  @Test func streamableHTTPServerWithBearerToken() throws {
    try MCPPeers.require()
    let token = "mcp-token-\(UUID().uuidString)"
    let http = try TestHTTPServer(command: [MCPPeers.python, MCPPeers.fixtureServer, "http", token])
    defer { http.stop() }
    let script = """
      [{"events": [{"function_call": {"name": "web__echo", "arguments": {"text": "over http"}, "call_id": "h1"}}]},
       {"events": [{"text": "Heard it."}]}]
      """
    let setup = try setUp(
      script: script,
      servers: """
        [mcp_servers.web]
        url = "\(http.baseURL)/mcp"
        bearer_token_env_var = "WEB_MCP_TOKEN"
        """)
    defer { setup.server.stop() }
    let result = try exec(setup, environment: ["WEB_MCP_TOKEN": token, "CODEX_LOG": "trace"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "Heard it.\n")
    let requests = setup.server.requests()
    #expect(try Self.body(requests[1]).contains("echo: over http"))

    // The token is sent to the MCP server only: not to the model, not to any file.
    #expect(!(try Self.body(requests[0]).contains(token)))
    #expect(!result.stderr.contains(token) && !result.stdout.contains(token))
    let files = FileManager.default.enumerator(atPath: setup.home)?.allObjects as? [String] ?? []
    #expect(files.contains("log/codex.log"))
    for file in files {
      let data = FileManager.default.contents(atPath: setup.home + "/" + file) ?? Data()
      #expect(!String(decoding: data, as: UTF8.self).contains(token), "\(file) holds the token")
    }

    // A wrong token is a start-up failure, reported, and the turn still completes.
    let refused = try exec(setup, environment: ["WEB_MCP_TOKEN": "wrong-token-value"])
    #expect(refused.status == 0, "\(refused.stderr)")
    #expect(refused.stderr.contains("MCP server web is skipped"))
    #expect(refused.stderr.contains("HTTP 401"))
  }

  @Test func jsonEventsCarryMCPToolCallsAndSkippedServers() throws {
    let script = """
      [{"events": [{"function_call": {"name": "fixture__echo", "arguments": {"text": "json"}, "call_id": "j1"}}]},
       {"events": [{"text": "Echoed."}]}]
      """
    let setup = try setUp(
      script: script,
      servers: """
        [mcp_servers.fixture]
        command = "\(MCPPeers.python)"
        args = ["\(MCPPeers.fixtureServer)", "stdio"]
        [mcp_servers.missing]
        command = "no-such-mcp-server-anywhere"
        """)
    defer { setup.server.stop() }
    let result = try CodexProcess.run(
      ["exec", "--json", "go"], environment: ["CODEX_HOME": setup.home],
      directory: setup.workspace)
    #expect(result.status == 0, "\(result.stderr)")
    let items = result.stdout.split(separator: "\n").compactMap {
      (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["item"]
        as? [String: Any]
    }
    let calls = items.filter { $0["type"] as? String == "mcp_tool_call" }
    #expect(calls.count == 2)
    #expect(calls.first?["status"] as? String == "in_progress")
    #expect(
      calls.last?["server"] as? String == "fixture" && calls.last?["tool"] as? String == "echo")
    #expect(calls.last?["status"] as? String == "completed")
    let content = (calls.last?["result"] as? [String: Any])?["content"] as? [[String: Any]]
    #expect(content?.first?["text"] as? String == "echo: json", "\(calls)")
    #expect(
      items.contains {
        $0["type"] as? String == "error"
          && ($0["message"] as? String)?.contains("MCP server missing is skipped") == true
      })
  }

  @Test func serversThatIgnoreTheEndOfTheirInputStopWithCodex() throws {
    // A duration no other process uses, so the check below finds only this test's.
    let marker = "sleep 3131.\(UInt32.random(in: 10_000...99_999))"
    let setup = try setUp(
      script: #"[{"events": [{"text": "unused"}]}]"#,
      servers: """
        [mcp_servers.silent]
        command = "/bin/sleep"
        args = ["\(marker.dropFirst(6))"]
        """)
    defer { setup.server.stop() }
    let result = try CodexProcess.run(
      [], stdin: Data("/quit\n".utf8), environment: ["CODEX_HOME": setup.home],
      directory: setup.workspace)
    #expect(result.status == 0, "\(result.stderr)")
    // SIGTERM at exit; give the kernel a moment to finish the process.
    var left = try CodexProcess.processesMatching(marker)
    for _ in 0..<50 where !left.isEmpty {
      usleep(20_000)
      left = try CodexProcess.processesMatching(marker)
    }
    #expect(left.isEmpty, "still running: \(left)")
  }
}

/// The MCP settings of today's Codex: tool filters, passed variables, HTTP headers.
@Suite(.timeLimit(.minutes(10))) struct MCPServerSettingsTests {
  @Test func toolFiltersAndPassedVariables() throws {
    let script = """
      [{"events": [{"function_call": {"name": "fx__env", "arguments": {"name": "FIXTURE_PASSED"}, "call_id": "e1"}}]},
       {"events": [{"text": "Read it."}]}]
      """
    let setup = try MCPClientTests().setUp(
      script: script,
      servers: """
        [mcp_servers.fx]
        command = "\(MCPPeers.python)"
        args = ["\(MCPPeers.fixtureServer)", "stdio"]
        env_vars = ["FIXTURE_PASSED", { name = "FIXTURE_ALSO" }]
        enabled_tools = ["echo", "env", "wait"]
        disabled_tools = ["wait"]
        """)
    defer { setup.server.stop() }
    let result = try MCPClientTests().exec(
      setup, environment: ["FIXTURE_PASSED": "value-passed-through", "FIXTURE_HIDDEN": "no"])
    #expect(result.status == 0, "\(result.stderr)")
    let requests = setup.server.requests()
    try #require(requests.count == 2)
    let tools = ((requests[0]["body"] as? [String: Any])?["tools"] as? [[String: Any]] ?? [])
      .compactMap { $0["name"] as? String }.filter { $0.hasPrefix("fx__") }
    #expect(tools.sorted() == ["fx__echo", "fx__env"], "\(tools)")
    #expect(try MCPClientTests.body(requests[1]).contains("FIXTURE_PASSED=value-passed-through"))
  }

  @Test func httpHeadersFromTheConfigAndTheEnvironment() throws {
    try MCPPeers.require()
    let token = "mcp-token-\(UUID().uuidString)"
    let http = try TestHTTPServer(command: [
      MCPPeers.python, MCPPeers.fixtureServer, "http", token, "X-Fixture=static-value",
      "X-Fixture-Env=env-value-77",
    ])
    defer { http.stop() }
    let script = """
      [{"events": [{"function_call": {"name": "web__echo", "arguments": {"text": "with headers"}, "call_id": "h1"}}]},
       {"events": [{"text": "Heard it."}]}]
      """
    let setup = try MCPClientTests().setUp(
      script: script,
      servers: """
        [mcp_servers.web]
        url = "\(http.baseURL)/mcp"
        bearer_token_env_var = "WEB_MCP_TOKEN"
        http_headers = { "X-Fixture" = "static-value" }
        env_http_headers = { "X-Fixture-Env" = "FIXTURE_HEADER" }
        """)
    defer { setup.server.stop() }
    let result = try MCPClientTests().exec(
      setup, environment: ["WEB_MCP_TOKEN": token, "FIXTURE_HEADER": "env-value-77"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(!result.stderr.contains("skipped"), "\(result.stderr)")
    #expect(try MCPClientTests.body(setup.server.requests()[1]).contains("echo: with headers"))
  }

  @Test func mcpAddGetAndListAsCodexSpellsThem() throws {
    let home = try CodexProcess.makeHome(config: Data("# mine\n".utf8))
    let add = try CodexProcess.run(
      [
        "mcp", "add", "docs", "--url", "https://mcp.example.com/mcp", "--bearer-token-env-var",
        "DOCS_TOKEN",
      ],
      environment: ["CODEX_HOME": home])
    #expect(add.status == 0, "\(add.stderr)")
    let stdio = try CodexProcess.run(
      ["mcp", "add", "local", "--env", "KEY=secret-value", "--", "server", "--flag"],
      environment: ["CODEX_HOME": home])
    #expect(stdio.status == 0, "\(stdio.stderr)")
    let text = try String(contentsOfFile: home + "/config.toml", encoding: .utf8)
    #expect(text.hasPrefix("# mine\n"))
    let list = try CodexProcess.run(["mcp", "list", "--json"], environment: ["CODEX_HOME": home])
    let servers = try #require(
      try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
    #expect(servers.map { $0["name"] as? String } == ["docs", "local"])
    let docs = try #require(servers.first?["transport"] as? [String: Any])
    #expect(docs["type"] as? String == "streamable_http")
    #expect(docs["bearer_token_env_var"] as? String == "DOCS_TOKEN")
    let get = try CodexProcess.run(
      ["mcp", "get", "local", "--json"], environment: ["CODEX_HOME": home])
    #expect(get.status == 0, "\(get.stderr)")
    #expect(!get.stdout.contains("secret-value"))
    #expect(get.stdout.contains("\"KEY\""))
    let missing = try CodexProcess.run(["mcp", "get", "nope"], environment: ["CODEX_HOME": home])
    #expect(missing.status == 1)
  }
}

/// Resources of MCP servers, offered as Codex does: list, list templates, read.
@Suite(.timeLimit(.minutes(10))) struct MCPResourceTests {
  @Test func resourcesAreListedAndRead() throws {
    let script = """
      [{"events": [{"function_call": {"name": "list_mcp_resources", "arguments": {}, "call_id": "l1"}},
                   {"function_call": {"name": "list_mcp_resource_templates", "arguments": {"server": "notes"}, "call_id": "l2"}},
                   {"function_call": {"name": "read_mcp_resource", "arguments": {"server": "notes", "uri": "notes://readme"}, "call_id": "r1"}},
                   {"function_call": {"name": "read_mcp_resource", "arguments": {"server": "nope", "uri": "x://y"}, "call_id": "r2"}}]},
       {"events": [{"text": "The number is 271828."}]}]
      """
    let setup = try MCPClientTests().setUp(
      script: script,
      servers: """
        [mcp_servers.notes]
        command = "\(MCPPeers.python)"
        args = ["\(MCPPeers.fixtureServer)", "resources"]
        """)
    defer { setup.server.stop() }
    let result = try MCPClientTests().exec(setup)
    #expect(result.status == 0, "\(result.stderr)")
    let requests = setup.server.requests()
    try #require(requests.count == 2)
    let names = ((requests[0]["body"] as? [String: Any])?["tools"] as? [[String: Any]] ?? [])
      .compactMap { $0["name"] as? String }
    #expect(names.contains("list_mcp_resources") && names.contains("read_mcp_resource"))
    let input = try #require((requests[1]["body"] as? [String: Any])?["input"] as? [[String: Any]])
    func output(_ id: String) -> String {
      input.first {
        $0["call_id"] as? String == id && $0["type"] as? String == "function_call_output"
      }?[
        "output"] as? String ?? ""
    }
    #expect(
      output("l1").contains("notes://readme") && output("l1").contains("\"server\":\"notes\""))
    #expect(output("l2").contains("notes://day/{day}"), "\(output("l2"))")
    #expect(output("r1").contains("remember the number 271828"))
    #expect(output("r2").hasPrefix("error: no MCP server nope with resources"), "\(output("r2"))")
  }

  @Test func aSessionWithoutResourceServersIsOfferedNoResourceTools() throws {
    let setup = try MCPClientTests().setUp(
      script: #"[{"events": [{"text": "Fine."}]}]"#, servers: "")
    defer { setup.server.stop() }
    let result = try MCPClientTests().exec(setup)
    #expect(result.status == 0, "\(result.stderr)")
    let names =
      ((setup.server.requests().first?["body"] as? [String: Any])?["tools"]
      as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
    #expect(names == ["shell", "apply_patch", "update_plan", "view_image"])
  }
}
