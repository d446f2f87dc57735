import Foundation

/// Takes secrets out of text before it is written anywhere: the values of the
/// variables that hold keys and tokens, `Authorization: Bearer ...` values, and
/// strings shaped like OpenAI keys.
public struct SecretRedactor: Sendable {
  /// What a secret is replaced with.
  public static let mask = "[REDACTED]"
  /// Known secret values, longest first (so a key containing another is masked whole).
  private var secrets: [String]

  /// A redactor for these secrets (values under 8 characters are too common to mask);
  /// `redact` also masks bearer tokens and strings shaped like keys.
  public init(secrets: [String] = []) {
    self.secrets = Array(Set(secrets.filter { $0.count >= 8 })).sorted { $0.count > $1.count }
  }

  /// The values of variables whose names say they hold a secret
  /// (`*_API_KEY`, `*_TOKEN`, `*_SECRET`, `*_PASSWORD`, and any named in `names`).
  public init(environment: [String: String], names: [String] = []) {
    let markers = ["KEY", "TOKEN", "SECRET", "PASSWORD", "CREDENTIAL"]
    let values = environment.compactMap { name, value -> String? in
      let upper = name.uppercased()
      let secret =
        names.contains(name)
        || markers.contains {
          upper.hasSuffix("_" + $0) || upper == $0 || upper.hasSuffix($0 + "S")
        }
      return secret ? value : nil
    }
    self.init(secrets: values)
  }

  /// Masks one more secret.
  public mutating func add(_ secret: String) {
    guard secret.count >= 8, !secrets.contains(secret) else { return }
    secrets.append(secret)
    secrets.sort { $0.count > $1.count }
  }

  /// The text with every secret masked.
  public func redact(_ text: String) -> String {
    var text = text
    for secret in secrets where text.contains(secret) {
      text = text.replacingOccurrences(of: secret, with: Self.mask)
    }
    if text.contains("earer ") { text = Self.maskBearer(text) }
    if text.contains("sk-") { text = Self.maskKeyShapes(text) }
    return text
  }

  /// `Bearer <token>` keeps the word and loses the token.
  private static func maskBearer(_ text: String) -> String {
    var out = ""
    var rest = Substring(text)
    while let range = rest.range(of: "earer ") {
      let before = rest[..<range.lowerBound]
      guard let last = before.last, last == "B" || last == "b" else {
        out += rest[..<range.upperBound]
        rest = rest[range.upperBound...]
        continue
      }
      out += rest[..<range.upperBound]
      rest = rest[range.upperBound...]
      let token = rest.prefix { !$0.isWhitespace && $0 != "\"" && $0 != "'" && $0 != "," }
      if !token.isEmpty && token != mask {
        out += mask
        rest = rest.dropFirst(token.count)
      }
    }
    return out + rest
  }

  /// `sk-` followed by 16 or more key characters.
  private static func maskKeyShapes(_ text: String) -> String {
    var out = ""
    var rest = Substring(text)
    while let range = rest.range(of: "sk-") {
      out += rest[..<range.lowerBound]
      let tail = rest[range.upperBound...]
      let body = tail.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
      if body.count >= 16 {
        out += mask
        rest = tail.dropFirst(body.count)
      } else {
        out += rest[range]
        rest = tail
      }
    }
    return out + rest
  }
}
