import Agent
import Foundation
import Sandbox
import Testing

@Suite(.timeLimit(.minutes(10))) struct ConfigLoaderTests {
  /// A fresh CODEX_HOME holding `config` as config.toml (when given).
  func loader(_ config: String?, environment: [String: String] = [:]) throws -> ConfigLoader {
    let home = FileManager.default.temporaryDirectory.appendingPathComponent(
      "codex-config-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    if let config {
      try config.write(
        to: home.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
    }
    var env = environment
    env["CODEX_HOME"] = home.path
    return ConfigLoader(
      environment: env, currentDirectory: "/tmp", homeDirectory: "/nonexistent-home")
  }

  func origin(_ configuration: Configuration, _ key: String) -> String? {
    configuration.settings.first { $0.key == key }?.origin.description
  }

  let sample = """
    # personal settings
    model = "gpt-5"
    approval_policy = "on-request"
    profile = "work"

    [profiles.work]
    model = "o3"
    sandbox_mode = "workspace-write"

    [profiles.fast]
    model = "o4-mini"
    model_provider = "oss"

    [model_providers.local]
    base_url = "http://127.0.0.1:8080/v1"
    wire_api = "chat"
    """

  @Test func missingConfigFileGivesDefaults() throws {
    let configuration = try loader(nil).load(CommandLineOverrides())
    #expect(configuration.model == "gpt-5.5")
    #expect(configuration.approvalPolicy == .untrusted)
    #expect(configuration.sandboxMode == .readOnly)
    #expect(configuration.provider.id == "openai")
    #expect(configuration.provider.wireAPI == .responses)
    #expect(origin(configuration, "model") == "default")
    #expect(configuration.warnings.isEmpty)
  }

  @Test func precedenceIsFlagsThenOverridesThenProfileThenFile() throws {
    let load = try loader(sample)
    var overrides = CommandLineOverrides()
    var configuration = try load.load(overrides)
    #expect(configuration.profile == "work")
    #expect(configuration.model == "o3")
    #expect(origin(configuration, "model") == "profile work, config.toml:7")
    #expect(configuration.approvalPolicy == .onRequest)
    #expect(origin(configuration, "approval_policy") == "config.toml:3")
    #expect(origin(configuration, "profile") == "config.toml:4")

    overrides.profile = "fast"
    overrides.settings = ["model=\"gpt-4.1\""]
    configuration = try load.load(overrides)
    #expect(configuration.model == "gpt-4.1")
    #expect(origin(configuration, "model") == "-c")
    #expect(configuration.provider.id == "oss")
    #expect(configuration.sandboxMode == .readOnly)
    #expect(origin(configuration, "profile") == "--profile")

    overrides.model = "o1"
    overrides.approvalPolicy = .never
    configuration = try load.load(overrides)
    #expect(configuration.model == "o1")
    #expect(origin(configuration, "model") == "--model")
    #expect(origin(configuration, "approval_policy") == "--ask-for-approval")
  }

  @Test func overrideValuesAreTOMLOrPlainStrings() throws {
    var overrides = CommandLineOverrides()
    overrides.settings = [
      "model=o3", "sandbox_workspace_write.network_access=true",
      "sandbox_workspace_write.writable_roots=[\"/data\"]",
      "model_providers.local.base_url=http://x/v1", "profile=fast",
    ]
    let configuration = try loader(sample).load(overrides)
    #expect(configuration.model == "o3")
    #expect(configuration.workspaceWrite.networkAccess)
    #expect(configuration.workspaceWrite.writableRoots == ["/data"])
    #expect(configuration.profile == "fast")
    #expect(origin(configuration, "profile") == "-c")
  }

  @Test func invalidValueNamesFileLineColumnAndValidValues() throws {
    let error = #expect(throws: ConfigError.self) {
      try loader("model = \"x\"\napproval_policy = \"sometimes\"\n").load(CommandLineOverrides())
    }
    let message = try #require(error?.message)
    #expect(
      message.contains(
        "config.toml:2:19: approval_policy: \"sometimes\" is not one of untrusted, on-failure, on-request, never"
      ))
  }

  @Test func invalidOverrideNamesTheOverride() throws {
    var overrides = CommandLineOverrides()
    overrides.settings = ["sandbox_mode=open"]
    let error = #expect(throws: ConfigError.self) { try loader(nil).load(overrides) }
    #expect(
      error?.message.hasPrefix(
        "-c sandbox_mode=open: sandbox_mode: \"open\" is not one of read-only") == true)
    overrides.settings = ["novalue"]
    let second = #expect(throws: ConfigError.self) { try loader(nil).load(overrides) }
    #expect(second?.message.contains("expected key=value") == true)
  }

  @Test func invalidTOMLIsAnErrorWithPosition() throws {
    let error = #expect(throws: ConfigError.self) {
      try loader("a = [1,,2]\n").load(CommandLineOverrides())
    }
    #expect(error?.message.contains("config.toml:1:8: ") == true)
  }

  @Test func unreadableConfigIsAClearError() throws {
    let load = try loader(nil)
    let path = load.environment["CODEX_HOME"]! + "/config.toml"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    let error = #expect(throws: ConfigError.self) { try load.load(CommandLineOverrides()) }
    #expect(error?.message == "cannot read \(path): it is a directory, not a regular file")
  }

  @Test func unknownKeysWarnWithSuggestion() throws {
    let configuration = try loader("modle = \"x\"\n[profiles.a]\nsandbox = \"read-only\"\n").load(
      CommandLineOverrides())
    #expect(configuration.warnings.count == 2)
    #expect(
      configuration.warnings[0].hasSuffix(
        "config.toml:1:1: unknown key `modle` is ignored (did you mean `model`?)"))
    #expect(configuration.warnings[1].contains("unknown key `profiles.a.sandbox`"))
    #expect(!configuration.settings.contains { $0.key == "modle" })
  }

  @Test func unknownProfileListsTheDefinedOnes() throws {
    var overrides = CommandLineOverrides()
    overrides.profile = "nope"
    let error = #expect(throws: ConfigError.self) { try loader(sample).load(overrides) }
    #expect(error?.message.contains("profile `nope` is not defined") == true)
    #expect(error?.message.contains("nope.config.toml") == true)
    #expect(error?.message.contains("defined profiles: work, fast") == true)
  }

  @Test func convenienceFlags() throws {
    let load = try loader(nil)
    var overrides = CommandLineOverrides()
    overrides.fullAuto = true
    var configuration = try load.load(overrides)
    #expect(configuration.approvalPolicy == .onFailure)
    #expect(configuration.sandboxMode == .workspaceWrite)
    #expect(origin(configuration, "sandbox_mode") == "--full-auto")

    overrides.bypassApprovalsAndSandbox = true
    #expect(throws: ConfigError.self) { try load.load(overrides) }

    overrides = CommandLineOverrides()
    overrides.bypassApprovalsAndSandbox = true
    configuration = try load.load(overrides)
    #expect(configuration.approvalPolicy == .never)
    #expect(configuration.sandboxMode == .dangerFullAccess)

    overrides = CommandLineOverrides()
    overrides.oss = true
    configuration = try load.load(overrides)
    #expect(configuration.provider.id == "ollama")
    #expect(configuration.provider.baseURL == "http://localhost:11434/v1")
    #expect(configuration.provider.wireAPI == .chat)
    #expect(configuration.model == "gpt-oss:20b")
  }

  @Test func environmentAndWorkingDirectory() throws {
    let load = try loader(nil, environment: ["OPENAI_BASE_URL": "http://127.0.0.1:9/v1"])
    var overrides = CommandLineOverrides()
    overrides.workingDirectory = "/usr/../tmp"
    let configuration = try load.load(overrides)
    #expect(configuration.provider.baseURL == "http://127.0.0.1:9/v1")
    #expect(origin(configuration, "model_providers.openai.base_url") == "env OPENAI_BASE_URL")
    #expect(configuration.workingDirectory == "/tmp")
    overrides.workingDirectory = "/does/not/exist"
    #expect(throws: ConfigError.self) { try load.load(overrides) }

    let missingHome = ConfigLoader(
      environment: ["CODEX_HOME": "/does/not/exist"], currentDirectory: "/", homeDirectory: "/")
    let error = #expect(throws: ConfigError.self) { try missingHome.load(CommandLineOverrides()) }
    #expect(error?.message.contains("CODEX_HOME") == true)
  }

  @Test func undefinedProviderAndCustomProvider() throws {
    var overrides = CommandLineOverrides()
    overrides.settings = ["model_provider=nowhere"]
    let error = #expect(throws: ConfigError.self) { try loader(sample).load(overrides) }
    #expect(
      error?.message.contains(
        "model_provider `nowhere` (set by -c) is not defined; known providers: lmstudio, local, ollama, openai, oss"
      )
        == true)
    overrides.settings = ["model_provider=local"]
    let configuration = try loader(sample).load(overrides)
    #expect(configuration.provider.baseURL == "http://127.0.0.1:8080/v1")
    #expect(configuration.provider.wireAPI == .chat)
    #expect(configuration.provider.requestMaxRetries == 4)
  }
}
