import Logging

/// Which messages reach the log, from `CODEX_LOG` or `RUST_LOG` in Rust's
/// `env_logger` syntax: comma-separated directives, each a level (`info`) or a
/// target and a level (`codex::mcp=debug`, `codex.model=trace`); a target alone
/// means `trace`. The most specific matching target wins. Targets are logger labels,
/// with `::` and `.` taken alike; `off` turns logging off.
public struct LogFilter: Sendable, Equatable {
  /// One `target=level` part of `CODEX_LOG`.
  public struct Directive: Sendable, Equatable {
    /// Label path components; empty for the default level.
    public var target: [String]
    /// nil for `off`.
    public var level: Logger.Level?
  }

  /// The directives, in the order given.
  public var directives: [Directive]

  /// Everything at info and above.
  public static let `default` = LogFilter(directives: [Directive(target: [], level: .info)])

  /// A filter of these directives.
  public init(directives: [Directive]) { self.directives = directives }

  /// Parses a directive list; unknown levels are reported, and the rest still applies.
  public static func parse(_ text: String) -> (filter: LogFilter, problems: [String]) {
    var directives: [Directive] = []
    var problems: [String] = []
    for part in text.split(separator: ",") {
      let directive = part.trimmingCharacters(in: .whitespaces)
      if directive.isEmpty { continue }
      let pieces = directive.split(separator: "=", maxSplits: 1).map(String.init)
      if pieces.count == 2 {
        guard let level = Self.level(pieces[1]) else {
          problems.append(
            "`\(pieces[1])` in `\(directive)` is not a level (trace, debug, info, warn, error, off)"
          )
          continue
        }
        directives.append(Directive(target: components(pieces[0]), level: level))
      } else if let level = Self.level(directive) {
        directives.append(Directive(target: [], level: level))
      } else {
        directives.append(Directive(target: components(directive), level: .trace))
      }
    }
    return (
      LogFilter(directives: directives.isEmpty ? Self.default.directives : directives), problems
    )
  }

  /// The filter the environment asks for: `CODEX_LOG`, else `RUST_LOG`, else `info`.
  public static func from(environment: [String: String]) -> (filter: LogFilter, problems: [String])
  {
    guard let text = environment["CODEX_LOG"] ?? environment["RUST_LOG"] else {
      return (.default, [])
    }
    return parse(text)
  }

  /// The lowest level logged for a label; nil when nothing is.
  public func threshold(for label: String) -> Logger.Level? {
    let path = Self.components(label)
    var best: Directive?
    for directive in directives where directive.target.count <= path.count {
      guard Array(path.prefix(directive.target.count)) == directive.target else { continue }
      if best == nil || directive.target.count >= best!.target.count { best = directive }
    }
    // Without a default directive, labels no directive names are not logged.
    return best?.level
  }

  /// Whether a line at `level` from `label` is written: the most specific directive for the
  /// label decides.
  public func allows(_ level: Logger.Level, label: String) -> Bool {
    guard let threshold = threshold(for: label) else { return false }
    return level >= threshold
  }

  static func components(_ target: String) -> [String] {
    target.replacingOccurrences(of: "::", with: ".").split(separator: ".").map {
      $0.replacingOccurrences(of: "-", with: "_").lowercased()
    }
  }

  static func level(_ text: String) -> Logger.Level?? {
    switch text.lowercased() {
    case "trace": return .some(.trace)
    case "debug": return .some(.debug)
    case "info": return .some(.info)
    case "notice": return .some(.notice)
    case "warn", "warning": return .some(.warning)
    case "error": return .some(.error)
    case "critical": return .some(.critical)
    case "off", "none": return .some(nil)
    default: return nil
    }
  }
}
