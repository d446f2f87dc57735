import Foundation

/// What a session learned about its provider's server: that it cannot stream (with
/// tools, or at all), that it rejects `stream_options`. Learned once, from a diagnosed
/// failure, and kept for the session, so later requests go the working way at once.
// @unchecked Sendable: every field is read and written under `lock`; copies of a client
// share one memory.
final class ProviderQuirks: @unchecked Sendable {
  private let lock = NSLock()
  private var wholeWithTools = false
  private var wholeAlways = false
  private var noStreamOptions = false
  private var told = false
  private var toldSearch = false

  /// Whether `request` is asked for as a whole response rather than streamed.
  func wantsWhole(_ request: ModelRequest, provider: ModelProvider) -> Bool {
    if !provider.streams { return true }
    return lock.withLock { wholeAlways || (wholeWithTools && !request.tools.isEmpty) }
  }

  /// Whether `stream_options` may be sent.
  var takesStreamOptions: Bool { lock.withLock { !noStreamOptions } }

  /// Streaming failed for a request with (or without) tools.
  func streamingFailed(withTools: Bool) {
    lock.withLock {
      if withTools { wholeWithTools = true } else { wholeAlways = true }
    }
  }

  /// The server refused `stream_options`.
  func rejectsStreamOptions() { lock.withLock { noStreamOptions = true } }

  /// True the first time only: that web search is unavailable is said once.
  func shouldTellSearch() -> Bool {
    lock.withLock {
      defer { toldSearch = true }
      return !toldSearch
    }
  }

  /// True the first time only: the user is told once per session.
  func shouldTell() -> Bool {
    lock.withLock {
      defer { told = true }
      return !told
    }
  }
}
