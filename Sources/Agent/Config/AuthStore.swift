import Foundation

/// `$CODEX_HOME/auth.json`: the OpenAI API key saved by `codex login --with-api-key`,
/// readable only by its owner.
public struct AuthStore: Sendable {
  /// Where `auth.json` lives.
  public var codexHome: String
  /// The file: `$CODEX_HOME/auth.json`.
  public var path: String { codexHome + "/auth.json" }

  /// The store in `codexHome`.
  public init(codexHome: String) {
    self.codexHome = codexHome
  }

  /// Saves the key in Codex's format, readable by its owner only (mode 0600).
  public func save(apiKey: String) throws {
    try FileManager.default.createDirectory(
      atPath: codexHome, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    let data = Data(JSONValue.object(["OPENAI_API_KEY": .string(apiKey)]).bytes)
    // Created with mode 0600 before any byte is written, then renamed into place.
    let temporary = path + ".tmp-\(getpid())"
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else {
      throw ConfigError("cannot write \(temporary): \(String(cString: strerror(errno)))")
    }
    let written = data.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    close(descriptor)
    guard written == data.count, rename(temporary, path) == 0 else {
      unlink(temporary)
      throw ConfigError("cannot write \(path): \(String(cString: strerror(errno)))")
    }
  }

  /// The saved key, if there is one.
  public func apiKey() -> String? {
    guard let data = FileManager.default.contents(atPath: path),
      let key = JSONValue.parse(data)?["OPENAI_API_KEY"]?.string, !key.isEmpty
    else { return nil }
    return key
  }

  /// Returns false when there was nothing to remove.
  @discardableResult
  public func remove() throws -> Bool {
    guard FileManager.default.fileExists(atPath: path) else { return false }
    try FileManager.default.removeItem(atPath: path)
    return true
  }

  /// A key shown safely: its prefix and last four characters.
  public static func mask(_ key: String) -> String {
    guard key.count > 12 else { return String(repeating: "*", count: key.count) }
    return String(key.prefix(3)) + "…" + String(key.suffix(4))
  }
}
