import Foundation
import Logging

/// Writes log lines to `$CODEX_HOME/log/codex.log` (created 0600 on the first line
/// that passes the filter, so a run that logs nothing touches nothing), one
/// `O_APPEND` write per line, secrets redacted.
public struct FileLogHandler: LogHandler {
  /// Metadata added to every line of this logger.
  public var metadata: Logger.Metadata = [:]
  /// The lowest level written (the filter decides per label).
  public var logLevel: Logger.Level
  private let label: String
  private let sink: LogFileSink
  private let filter: LogFilter

  /// A handler for `label` writing to `sink` what `filter` allows.
  public init(label: String, sink: LogFileSink, filter: LogFilter) {
    self.label = label
    self.sink = sink
    self.filter = filter
    // swift-log checks this level before building a message: the filter's answer
    // for this label, so messages nobody wants cost nothing.
    logLevel = filter.threshold(for: label) ?? .critical
  }

  /// One metadata value.
  public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  /// Writes the line, secrets masked, when the filter allows its level.
  public func log(event: LogEvent) {
    guard filter.allows(event.level, label: label) else { return }
    let all = metadata.merging(event.metadata ?? [:]) { _, new in new }
    let fields = all.keys.sorted().map { "\($0)=\(all[$0]!)" }.joined(separator: " ")
    let level = event.level == .warning ? "WARN" : event.level.rawValue.uppercased()
    let line =
      "\(Self.timestamp()) \(level) \(label): \(event.message)"
      + (fields.isEmpty ? "" : " " + fields)
    sink.write(line)
  }

  private static func timestamp() -> String { ClockText.rfc3339(Date()) }
}

/// The log file, shared by every logger. Where it is and which secrets to mask are
/// worked out at the first line written, so that a run that logs nothing (most
/// `--version`s and REPL starts) does not pay for either.
// @unchecked Sendable: the file and its settings are opened and written under `lock`.
public final class LogFileSink: @unchecked Sendable {
  private let lock = NSLock()
  private var descriptor: Int32 = -1
  private var resolved = false
  private var path: String?
  private var redactor = SecretRedactor()
  private var extraSecrets: [String] = []
  private let locate: @Sendable () -> (path: String?, redactor: SecretRedactor)

  /// `locate` gives the file (nil: do not log) and the redactor, once.
  public init(locate: @escaping @Sendable () -> (path: String?, redactor: SecretRedactor)) {
    self.locate = locate
  }

  /// A sink writing to `path` with these secrets masked.
  public convenience init(path: String, redactor: SecretRedactor) {
    self.init { (path, redactor) }
  }

  /// Another secret to keep out of the log (a token read from a file, say).
  public func addSecret(_ secret: String) {
    lock.withLock {
      if resolved { redactor.add(secret) } else { extraSecrets.append(secret) }
    }
  }

  func write(_ line: String) {
    lock.withLock {
      if !resolved {
        resolved = true
        (path, redactor) = locate()
        extraSecrets.forEach { redactor.add($0) }
      }
      guard let path else { return }
      let text = redactor.redact(line).replacingOccurrences(of: "\n", with: "\\n") + "\n"
      if descriptor < 0 {
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(
          atPath: directory, withIntermediateDirectories: true)
        descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        if descriptor < 0 { return }
      }
      let bytes = Array(text.utf8)
      _ = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
    }
  }
}

/// Sets up logging for the program: every logger writes to the log file under the
/// filter from `CODEX_LOG` / `RUST_LOG`.
public enum CodexLogging {
  nonisolated(unsafe) private static var sink: LogFileSink?

  /// Call once, first thing. Returns problems with the filter, for a warning.
  @discardableResult
  public static func bootstrap(environment: [String: String]) -> [String] {
    let (filter, problems) = LogFilter.from(environment: environment)
    let sink = LogFileSink {
      // A CODEX_HOME that does not exist is reported by the configuration; nothing is
      // logged then, rather than into a directory the user did not choose.
      let home = try? ConfigLoader(environment: environment).codexHome()
      return (home.map { $0 + "/log/codex.log" }, SecretRedactor(environment: environment))
    }
    Self.sink = sink
    LoggingSystem.bootstrap { label in FileLogHandler(label: label, sink: sink, filter: filter) }
    return problems
  }

  /// Keeps a secret out of the log from now on.
  public static func addSecret(_ secret: String) { sink?.addSecret(secret) }
}
