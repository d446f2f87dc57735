/// Decoding and parsing of string-valued enums (policies, modes, efforts) with errors
/// that list the valid values.
public enum PolicyValue {
  /// `"sometimes" is not one of untrusted, on-failure, on-request, never`
  public static func problem<T: CaseIterable & RawRepresentable>(_ text: String, for type: T.Type)
    -> String
  where T.RawValue == String {
    "\"\(text)\" is not one of " + T.allCases.map(\.rawValue).joined(separator: ", ")
  }

  /// The value named `text`, or an error listing the valid names.
  public static func parse<T: CaseIterable & RawRepresentable>(_ text: String, as type: T.Type)
    throws -> T
  where T.RawValue == String {
    guard let value = T(rawValue: text) else {
      throw PolicyValueError(message: problem(text, for: type))
    }
    return value
  }

  /// Decodes a value by name; an unknown name is a decoding error listing the valid ones.
  public static func decode<T: CaseIterable & RawRepresentable>(
    from decoder: any Decoder, name: String
  ) throws -> T
  where T.RawValue == String {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let value = T(rawValue: text) else {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: problem(text, for: T.self))
    }
    return value
  }
}

/// A name that is not one of the valid values.
public struct PolicyValueError: Error, CustomStringConvertible {
  /// What was given and what is valid.
  public var message: String
  /// The message.
  public var description: String { message }
}
