import TOML

/// One `-c key.path=value` argument. The value is read as TOML when it is valid TOML
/// (`true`, `42`, `["a"]`, `"quoted"`), else taken as a plain string (`-c model=o3`).
struct ConfigOverride {
  var path: [String]
  var value: TOMLValue
  var raw: String

  init(_ raw: String) throws {
    self.raw = raw
    guard let equals = raw.firstIndex(of: "=") else {
      throw ConfigError(
        "-c \(raw): expected key=value, e.g. -c model=o3 or -c sandbox_workspace_write.network_access=true"
      )
    }
    let keyText = String(raw[..<equals]).trimmingWhitespace()
    let valueText = String(raw[raw.index(after: equals)...]).trimmingWhitespace()
    do {
      path = try TOMLDocument.parseKeyPath(keyText)
    } catch let error as TOMLError {
      throw ConfigError("-c \(raw): invalid key `\(keyText)`: \(error.message)")
    }
    if let parsed = try? TOMLParser(version: .v1_1).parse("value = " + valueText),
      let value = parsed["value"]
    {
      self.value = value
    } else {
      value = .string(valueText)
    }
  }

  /// The override as a table of its own, for validation.
  var table: TOMLTable {
    var layers = ConfigLayers()
    layers.set(path, value, origin: .override)
    return layers.merged
  }
}

extension String {
  func trimmingWhitespace() -> String {
    var scalars = Substring(self)
    while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
    while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
    return String(scalars)
  }
}
