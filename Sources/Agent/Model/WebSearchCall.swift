/// A search the provider ran with its own web search tool (a Responses `web_search_call`
/// item): what it searched for and the pages it read.
public struct WebSearchCall: Sendable, Equatable {
  /// The item's id.
  public var id: String
  /// The query, when the action was a search (opening or finding in a page has none).
  public var query: String
  /// URLs of the sources, when the provider lists them.
  public var sources: [String]

  /// A search.
  public init(id: String, query: String, sources: [String]) {
    self.id = id
    self.query = query
    self.sources = sources
  }

  /// The call in a `web_search_call` item; nil for any other item.
  static func parse(_ item: JSONValue) -> WebSearchCall? {
    guard item["type"]?.string == "web_search_call" else { return nil }
    let action = item["action"]
    let query = action?["query"]?.string ?? action?["url"]?.string ?? ""
    let sources = (action?["sources"]?.array ?? []).compactMap { $0["url"]?.string }
    return WebSearchCall(id: item["id"]?.string ?? "", query: query, sources: sources)
  }

  /// The item as the session log keeps it (Codex's shape).
  var logPayload: JSONValue {
    [
      "type": "web_search_call", "id": .string(id), "status": "completed",
      "action": [
        "type": "search", "query": .string(query),
        "sources": .array(sources.map { ["type": "url", "url": .string($0)] }),
      ],
    ]
  }
}
