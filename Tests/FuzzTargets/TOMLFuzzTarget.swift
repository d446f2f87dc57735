import TOML

extension FuzzTarget {
  /// The TOML parser in both versions; a document that parses can be edited in place and
  /// still parses, with the edit and without losing what it held.
  public static let toml = FuzzTarget(name: "toml") { bytes in
    for version in [TOMLVersion.v1_0, .v1_1] {
      guard let table = try? TOMLParser(version: version).parse(bytes: bytes) else { continue }
      _ = TaggedJSON.encode(table)
      guard let text = String(validating: bytes, as: UTF8.self),
        var document = try? TOMLDocument(text: text, version: version)
      else {
        invariant(false, "parsed as a table but not as a document")
        return
      }
      invariant(document.table == table, "the document's table differs from the parser's")
      // A new top-level table is always allowed; adding it must keep the file valid.
      let key = "codex-fuzz-added"
      guard table[key] == nil else { continue }
      do {
        try document.set([key, "value"], to: .integer(7))
      } catch {
        invariant(false, "adding a new table was refused: \(error)")
      }
      let edited = try? TOMLParser(version: version).parse(document.text)
      invariant(edited != nil, "the edited document no longer parses:\n\(document.text)")
      for name in table.keys where edited?[name] != table[name] {
        invariant(false, "the edit changed `\(name)`:\n\(document.text)")
      }
      invariant(edited?[path: [key, "value"]] == .integer(7), "the edit is missing")
    }
  }
}
