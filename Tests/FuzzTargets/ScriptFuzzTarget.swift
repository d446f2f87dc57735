import Commands

extension FuzzTarget {
  /// A `.codex` script checked as `codex run` checks it before running anything: every
  /// problem reported with a position inside the text, never a crash.
  public static let script = FuzzTarget(name: "script") { bytes in
    guard let text = String(validating: bytes, as: UTF8.self) else { return }
    // Bytes, not Characters: to Swift "\r\n" is one Character, not a line break.
    let lineCount = bytes.filter { $0 == 0x0A }.count + 1
    let (_, errors) = Script.load(
      text: text, path: "/nonexistent/fuzz.codex", arguments: ["one"],
      environment: ["HOME": "/home/fuzz"], registry: registry, promptNames: ["review"])
    for error in errors {
      invariant(
        error.location.line >= 1 && error.location.line <= max(lineCount, 1),
        "an error outside the script: \(error)")
    }
  }
}

private let registry = CommandRegistry()
