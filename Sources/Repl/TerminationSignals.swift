import Foundation

/// SIGINT, SIGTERM and SIGHUP, turned from "die at once" into a call of `onSignal` on a
/// queue of its own, so a front-end can cancel its turn (which stops running commands
/// and their process groups, and completes the session log) and then exit with the
/// status the signal calls for. Commands codex starts get the default dispositions back.
// @unchecked Sendable: `received` is set and read under `lock`; the sources never change.
final class TerminationSignals: @unchecked Sendable {
  static let handled: [Int32] = [SIGINT, SIGTERM, SIGHUP]
  private let lock = NSLock()
  private var first: Int32?
  private var sources: [DispatchSourceSignal] = []

  init(onSignal: @escaping @Sendable (Int32) -> Void) {
    let queue = DispatchQueue(label: "codex.signals")
    for number in Self.handled {
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
      source.setEventHandler { [weak self] in
        guard let self else { return }
        let isFirst = self.lock.withLock { () -> Bool in
          guard self.first == nil else { return false }
          self.first = number
          return true
        }
        if isFirst { onSignal(number) }
      }
      source.resume()
      sources.append(source)
    }
  }

  /// The first signal received, if any.
  var received: Int32? { lock.withLock { first } }

  /// The exit status for a run ended by `number`: 128 + the signal, as a shell reports it.
  static func exitStatus(_ number: Int32) -> Int32 { 128 + number }

  /// The signal's name, for the line that says what happened.
  static func name(_ number: Int32) -> String {
    switch number {
    case SIGINT: return "SIGINT"
    case SIGTERM: return "SIGTERM"
    case SIGHUP: return "SIGHUP"
    default: return "signal \(number)"
    }
  }

  deinit {
    sources.forEach { $0.cancel() }
    for number in Self.handled { signal(number, SIG_DFL) }
  }
}
