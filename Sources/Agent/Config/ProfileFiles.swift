import Foundation

/// The profile files of a `$CODEX_HOME`: `NAME.config.toml` beside `config.toml`, each a
/// layer `-p NAME` lays over it (Codex 0.163's form of profiles).
struct ProfileFiles {
  /// `$CODEX_HOME`.
  let home: String

  /// The file of profile `name`; a name that is not a plain file name is an error.
  func path(of name: String) throws -> String {
    guard !name.isEmpty, !name.contains("/"), name != ".", name != "..", name != "config" else {
      throw ConfigError(
        "`\(name)` cannot name a profile: use letters, digits, `-` or `_` (its file is NAME.config.toml)"
      )
    }
    return home + "/" + name + ".config.toml"
  }

  /// The profiles defined by files, sorted by name.
  func names() -> [String] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: home)) ?? []
    return entries.compactMap { entry -> String? in
      guard entry.hasSuffix(".config.toml"), entry != "config.toml" else { return nil }
      let name = String(entry.dropLast(".config.toml".count))
      return name.isEmpty || name.hasPrefix(".") ? nil : name
    }.sorted()
  }

  /// True the first time it is asked for `note` in this home (a marker file under
  /// `$CODEX_HOME/notes` remembers it), so a note is shown once.
  func noteOnce(_ note: String) -> Bool {
    let directory = home + "/notes"
    let marker = directory + "/" + note
    guard !FileManager.default.fileExists(atPath: marker) else { return false }
    try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    // When the home cannot be written the note is shown each time, never lost.
    return FileManager.default.createFile(atPath: marker, contents: Data())
      || !FileManager.default.fileExists(atPath: marker)
  }
}
