/// The names under which MCP tools are offered to the model: `server__tool`.
///
/// Model APIs accept `^[a-zA-Z0-9_-]{1,64}$`, so other characters become `_`, and a
/// longer name is cut and given a hash of the full name. Names that still collide
/// (two servers whose names differ only in characters that were replaced) get the
/// hash too, in the order of (server, tool), so the result never depends on which
/// server answered first.
public enum MCPToolNames {
  /// Between the server's and the tool's name.
  public static let delimiter = "__"
  /// The longest name model APIs accept.
  public static let maximumLength = 64

  /// One tool's name for the model, and what it stands for.
  public struct Entry: Sendable, Equatable {
    /// The name the model sees.
    public var qualified: String
    /// The server's name.
    public var server: String
    /// The tool's name on the server.
    public var tool: String
  }

  /// Names for every (server, tool) pair: unique, valid, and the same whatever order the
  /// servers answered in.
  public static func assign(_ pairs: [(server: String, tool: String)]) -> [Entry] {
    let ordered = pairs.sorted { ($0.server, $0.tool) < ($1.server, $1.tool) }
    var taken: Set<String> = []
    var entries: [Entry] = []
    for pair in ordered {
      let full = pair.server + delimiter + pair.tool
      var name = sanitize(pair.server) + delimiter + sanitize(pair.tool)
      if name.count > maximumLength || taken.contains(name) {
        var salt = 0
        repeat {
          name = hashed(name, full: salt == 0 ? full : full + "#\(salt)")
          salt += 1
        } while taken.contains(name)
      }
      taken.insert(name)
      entries.append(Entry(qualified: name, server: pair.server, tool: pair.tool))
    }
    return entries
  }

  static func sanitize(_ name: String) -> String {
    String(
      name.map { character -> Character in
        character.isASCII
          && (character.isLetter || character.isNumber || character == "_"
            || character == "-")
          ? character : "_"
      })
  }

  /// The name cut to leave room for `_` and eight hex digits of FNV-1a of `full`.
  private static func hashed(_ name: String, full: String) -> String {
    var hash: UInt32 = 0x811c_9dc5
    for byte in full.utf8 {
      hash ^= UInt32(byte)
      hash = hash &* 0x0100_0193
    }
    let hex = String(hash, radix: 16)
    let suffix = "_" + String(repeating: "0", count: 8 - hex.count) + hex
    return String(name.prefix(maximumLength - suffix.count)) + suffix
  }
}
