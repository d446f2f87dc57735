import Agent
import ArgumentParser
import Sandbox

/// The configuration flags every subcommand takes, before or after its name.
struct ConfigOptions: ParsableArguments {
  @Option(
    name: .shortAndLong,
    help:
      "Lay the profile NAME over config.toml: $CODEX_HOME/NAME.config.toml, or [profiles.NAME].",
    completion: .custom { _, _, prefix in
      // The shell asks codex itself: the profiles of the configuration in effect.
      let names = (try? ConfigLoader().load(CommandLineOverrides()))?.profileNames ?? []
      return names.filter { $0.hasPrefix(prefix) }
    })
  var profile: String?

  @Option(
    name: [.customShort("c"), .customLong("config")],
    help: ArgumentHelp(
      "Override a setting: key.path=value (value read as TOML, else as a string).",
      valueName: "key=value"))
  var config: [String] = []

  @Option(name: .shortAndLong, help: "The model to use.")
  var model: String?

  @Option(
    name: [.customShort("a"), .customLong("ask-for-approval")],
    help: "When to ask before running a command.")
  var approvalPolicy: ApprovalPolicy?

  @Option(name: .shortAndLong, help: "What commands may touch.")
  var sandbox: SandboxMode?

  @Flag(
    help: "Run sandboxed without asking: --ask-for-approval on-failure --sandbox workspace-write.")
  var fullAuto = false

  @Flag(
    name: [.long, .customLong("yolo")],
    help: "Never ask and run every command without a sandbox. Only inside an isolated environment.")
  var dangerouslyBypassApprovalsAndSandbox = false

  @Option(
    name: .customLong("add-dir"),
    help: ArgumentHelp("Another directory commands may write (workspace-write).", valueName: "dir"))
  var addDirectories: [String] = []

  @Flag(help: "Let the model search the web (web_search = \"live\").")
  var search = false

  @Option(help: ArgumentHelp("Turn a [features] flag on for this run.", valueName: "feature"))
  var enable: [String] = []

  @Option(help: ArgumentHelp("Turn a [features] flag off for this run.", valueName: "feature"))
  var disable: [String] = []

  @Flag(help: "Do not read $CODEX_HOME/config.toml (defaults, -c and flags still apply).")
  var ignoreUserConfig = false

  @Flag(help: "Make unknown configuration keys errors (with file:line:col), not warnings.")
  var strictConfig = false

  @Flag(help: "Do not read the user's or the project's *.rules files.")
  var ignoreRules = false

  @Flag(
    help:
      "Run enabled hooks without asking to trust them first, for this run. Only where the hooks' sources are vetted."
  )
  var dangerouslyBypassHookTrust = false

  @Option(name: [.customShort("C"), .customLong("cd")], help: "Work in this directory.")
  var cd: String?

  @Flag(
    help: "Use the local open-source model provider (Ollama-compatible, http://localhost:11434/v1)."
  )
  var oss = false

  @Option(
    help: ArgumentHelp(
      "The local provider --oss uses: ollama (http://localhost:11434/v1) or lmstudio (http://localhost:1234/v1).",
      valueName: "ollama|lmstudio"))
  var localProvider: String?

  var overrides: CommandLineOverrides {
    var overrides = CommandLineOverrides()
    overrides.profile = profile
    overrides.strictConfig = strictConfig
    overrides.settings = config
    overrides.model = model
    overrides.approvalPolicy = approvalPolicy
    overrides.sandboxMode = sandbox
    overrides.fullAuto = fullAuto
    overrides.bypassApprovalsAndSandbox = dangerouslyBypassApprovalsAndSandbox
    overrides.workingDirectory = cd
    overrides.oss = oss
    overrides.localProvider = localProvider
    overrides.addDirectories = addDirectories
    overrides.search = search
    overrides.featureSwitches = enable.map { ($0, true) } + disable.map { ($0, false) }
    overrides.ignoreUserConfig = ignoreUserConfig
    overrides.ignoreRules = ignoreRules
    overrides.bypassHookTrust = dangerouslyBypassHookTrust
    return overrides
  }
}

extension ApprovalPolicy: ExpressibleByArgument {}
extension SandboxMode: ExpressibleByArgument {}
