/// One parser under fuzzing: a name and a function that must neither crash nor hang on
/// any input, and that stops the process (so the fuzzer records the input) when one of
/// its invariants breaks.
public struct FuzzTarget: Sendable {
  public let name: String
  public let run: @Sendable ([UInt8]) -> Void

  public init(name: String, run: @escaping @Sendable ([UInt8]) -> Void) {
    self.name = name
    self.run = run
  }

  public static let all: [FuzzTarget] = [
    .toml, .serverSentEvents, .patch, .script, .chatStream, .responsesStream,
  ]

  public static func named(_ name: String) -> FuzzTarget? {
    all.first { $0.name == name }
  }
}

/// Stops the process when `condition` is false: for libFuzzer a crash, whose input it
/// keeps; for a replay, the failing input named in the message.
func invariant(_ condition: Bool, _ message: @autoclosure () -> String) {
  if !condition { fatalError("invariant broken: \(message())") }
}
