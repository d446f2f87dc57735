/// What the engine needs of a model: one streamed response per request. The live client,
/// the cassette recorder and the cassette player all provide it.
public protocol ModelStreaming: Sendable {
  func stream(_ request: ModelRequest) -> AsyncThrowingStream<ModelEvent, Error>
}

extension ModelClient: ModelStreaming {}

/// Where a session's model traffic goes: to the provider, to the provider while
/// recording it, or to a cassette instead of any provider.
public enum ModelTraffic: Sendable {
  case live
  case record(CassetteRecorder)
  case replay(CassettePlayer)

  /// The model's responses so far, as a cassette holds them (none when live).
  public var responses: [CassetteEntry] {
    switch self {
    case .live: []
    case .record(let recorder): recorder.entries
    case .replay(let player): player.servedEntries
    }
  }

  /// The client for `configuration`'s provider.
  public func client(for configuration: Configuration, environment: [String: String])
    -> any ModelStreaming
  {
    switch self {
    case .replay(let player): return player
    case .live, .record:
      let key = ModelClient.apiKey(
        for: configuration.provider, environment: environment, codexHome: configuration.codexHome)
      let live = ModelClient(
        provider: configuration.provider, apiKey: key, environment: environment)
      if case .record(let recorder) = self {
        return RecordingModelClient(inner: live, recorder: recorder)
      }
      return live
    }
  }
}
