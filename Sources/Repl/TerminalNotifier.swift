import Agent

/// `tui.notifications`: tells the terminal that a turn ended or an approval waits, by
/// OSC 9 (a desktop notification in iTerm2, WezTerm, Ghostty, kitty) or a bell. Off by
/// default here: without focus reports a notification cannot be kept for the times the
/// terminal is in the background, as Codex's default does.
public struct TerminalNotifier: Sendable {
  /// The kinds asked for (`agent-turn-complete`, `approval-requested`).
  public var kinds: Set<String>
  /// OSC 9 or a bell (`auto` picks by terminal).
  public var usesOSC9: Bool

  /// From the configuration and the terminal's environment.
  public init(configuration: Configuration, environment: [String: String]) {
    kinds = configuration.notifications.kinds
    switch configuration.notificationMethod {
    case .osc9: usesOSC9 = true
    case .bel: usesOSC9 = false
    case .auto:
      let program = environment["TERM_PROGRAM"] ?? ""
      let term = environment["TERM"] ?? ""
      usesOSC9 =
        ["iTerm.app", "WezTerm", "ghostty"].contains(program)
        || ["kitty", "ghostty", "wezterm"].contains { term.contains($0) }
    }
  }

  /// The bytes that notify of `kind` with `message`, or nil when that kind is off.
  public func sequence(_ kind: String, message: String) -> String? {
    guard kinds.contains(kind) else { return nil }
    guard usesOSC9 else { return "\u{07}" }
    // Text from the model or a command: no control character may end the sequence early.
    let text = String(message.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F })
    return "\u{1B}]9;\(text.prefix(120))\u{07}"
  }
}
