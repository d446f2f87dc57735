import Foundation

/// `⠹ waiting for the model 3s` on the current line, redrawn a few times a second
/// until output arrives, then erased with spaces (no escape sequences, so it is safe
/// on any terminal that honours a carriage return).
// @unchecked Sendable: its state changes only under the console's lock (see each method),
// its timer on one serial queue.
final class WaitingIndicator: @unchecked Sendable {
  private static let frames = Array("⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏")
  private let queue = DispatchQueue(label: "codex.waiting-indicator")
  private var timer: DispatchSourceTimer?
  /// The clock the elapsed seconds are read from (a fixed one in tests).
  private let now: @Sendable () -> ContinuousClock.Instant
  private var started: ContinuousClock.Instant
  private var label = ""
  private var frame = 0
  private var shownWidth = 0
  /// Called on each tick; the console takes its lock and asks for `nextFrame()`, so all
  /// state here changes under that one lock.
  var onTick: (@Sendable () -> Void)?

  var isRunning: Bool { timer != nil }

  init(now: @escaping @Sendable () -> ContinuousClock.Instant = { .now }) {
    self.now = now
    started = now()
  }

  /// Called with the console's lock held.
  func start(_ label: String) {
    self.label = label
    guard timer == nil else { return }
    started = now()
    frame = 0
    let timer = DispatchSource.makeTimerSource(queue: queue)
    // The first frame waits a little, so fast answers never show the indicator.
    timer.schedule(deadline: .now() + .milliseconds(300), repeating: .milliseconds(120))
    timer.setEventHandler { [weak self] in self?.onTick?() }
    self.timer = timer
    timer.resume()
  }

  /// Called with the console's lock held; returns the text that erases what was drawn.
  func stop() -> String? {
    guard let timer else { return nil }
    timer.cancel()
    self.timer = nil
    defer { shownWidth = 0 }
    return shownWidth > 0 ? "\r" + String(repeating: " ", count: shownWidth) + "\r" : nil
  }

  /// Called with the console's lock held: the text that draws the next frame.
  func nextFrame() -> String {
    let seconds = Int((now() - started).components.seconds)
    let text = "\(Self.frames[frame % Self.frames.count]) \(label) \(seconds)s"
    frame += 1
    let padding = max(0, shownWidth - text.count)
    shownWidth = max(shownWidth, text.count)
    return "\r" + text + String(repeating: " ", count: padding)
  }
}
