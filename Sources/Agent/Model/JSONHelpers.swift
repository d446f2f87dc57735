import Foundation

/// Small helpers over `JSONSerialization` values for reading stream events.
enum JSON {
  static func object(_ text: String) -> [String: Any]? {
    guard let data = text.data(using: .utf8) else { return nil }
    return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
  }

  /// Request bodies: key order does not matter to servers, so Foundation's writer is fine.
  static func data(_ value: Any) throws -> [UInt8] {
    Array(try JSONSerialization.data(withJSONObject: value, options: [.withoutEscapingSlashes]))
  }

  /// A JSON Schema given as text, as a value to embed.
  static func value(_ text: String) -> Any {
    guard let data = text.data(using: .utf8),
      let value = try? JSONSerialization.jsonObject(with: data)
    else {
      return [String: Any]()
    }
    return value
  }

  static func int(_ value: Any?) -> Int {
    (value as? NSNumber)?.intValue ?? 0
  }
}
