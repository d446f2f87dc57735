extension JSONValue {
  /// The value as JSON text over several lines, indented by two spaces (for files people
  /// read, such as review reports); members keep their order.
  public var prettyText: String { pretty(indent: "") }

  private func pretty(indent: String) -> String {
    let inner = indent + "  "
    switch self {
    case .array(let elements) where !elements.isEmpty:
      return "[\n"
        + elements.map { inner + $0.pretty(indent: inner) }.joined(separator: ",\n")
        + "\n" + indent + "]"
    case .object(let object) where !object.isEmpty:
      return "{\n"
        + object.members.map {
          inner + JSONText.string($0.key) + ": " + $0.value.pretty(indent: inner)
        }.joined(separator: ",\n") + "\n" + indent + "}"
    default:
      return text
    }
  }
}
