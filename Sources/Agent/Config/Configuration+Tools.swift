extension Configuration {
  /// How the model runs commands.
  public enum CommandTools: Sendable, Equatable {
    /// No command tool (`features.shell_tool = false`, or a catalog entry saying so).
    case none
    /// `shell`: one call runs one command to its end.
    case shell
    /// `exec_command` and `write_stdin`: processes in a terminal, kept across calls.
    case unifiedExec
  }

  /// The command tools offered: `[features]` when it says, else the model's catalog
  /// entry on the Responses wire; `shell` for the Chat wire and models the catalog does
  /// not list (local models are not tuned on Codex's newer tools).
  public var commandTools: CommandTools {
    guard isEnabled("shell_tool") else { return .none }
    if let unified = features["unified_exec"] { return unified ? .unifiedExec : .shell }
    guard provider.wireAPI == .responses, let info = modelInfo else { return .shell }
    switch info.shellType {
    case .unifiedExec: return .unifiedExec
    case .disabled: return .none
    case .default, .local, .shellCommand: return .shell
    }
  }

  /// Whether `apply_patch` is offered as a freeform tool with a grammar (a Responses
  /// custom tool; the Chat wire has none) rather than as a function.
  public var freeformPatch: Bool {
    guard provider.wireAPI == .responses else { return false }
    if let freeform = features["apply_patch_freeform"] { return freeform }
    return modelInfo?.freeformPatch ?? (commandTools == .unifiedExec)
  }

  /// Said once when a session starts with a model Codex drives in a way this program
  /// does not (its "code mode"), so the difference is never silent.
  public var modelToolsNotice: String? {
    guard let info = modelInfo, info.codeModeOnly else { return nil }
    let tools =
      commandTools == .unifiedExec ? "exec_command, write_stdin, apply_patch" : "its function tools"
    return
      "\(model) runs in Codex's code mode, which this program does not have; it is offered "
      + "\(tools) as functions instead (pick `\(ModelCatalog.defaultModel)` to use a model as Codex does)"
  }
}
