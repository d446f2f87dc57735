/// How a turn ended: what `Session.submit` returns, and what its last event says.
public enum TurnEnd: Sendable, Equatable {
  case completed(lastMessage: String?)
  case failed(reason: String)
  case interrupted

  /// The event that reports this end.
  public var event: EngineEvent {
    switch self {
    case .completed(let message): return .turnCompleted(lastMessage: message)
    case .failed(let reason): return .turnFailed(reason: reason)
    case .interrupted: return .turnInterrupted
    }
  }
}
