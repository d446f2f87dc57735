import Foundation
import Testing

@testable import Repl

/// A clock the test moves by hand.
final class ManualClock: @unchecked Sendable {
  private let lock = NSLock()
  private var current = ContinuousClock.now
  var now: ContinuousClock.Instant { lock.withLock { current } }
  func advance(_ duration: Duration) { lock.withLock { current += duration } }
}

@Suite(.timeLimit(.minutes(10))) struct WaitingIndicatorTests {
  @Test func framesCountSecondsAndErasureCoversTheWidestFrame() {
    let clock = ManualClock()
    let indicator = WaitingIndicator(now: { clock.now })
    #expect(indicator.stop() == nil)
    indicator.start("waiting for the model")
    #expect(indicator.nextFrame() == "\r⠋ waiting for the model 0s")
    clock.advance(.milliseconds(1200))
    #expect(indicator.nextFrame() == "\r⠙ waiting for the model 1s")
    clock.advance(.seconds(10))
    #expect(indicator.nextFrame() == "\r⠹ waiting for the model 11s")
    // A shorter label pads over what the wider frame left on the line.
    indicator.start("running")
    #expect(indicator.nextFrame() == "\r⠸ running 11s" + String(repeating: " ", count: 14))
    let erase = indicator.stop()
    #expect(erase == "\r" + String(repeating: " ", count: 27) + "\r")
    #expect(!indicator.isRunning)
    #expect(indicator.stop() == nil)
  }
}
