import Foundation
import TOML

/// `codex config migrate-profiles`: moves each `[profiles.NAME]` table of config.toml into
/// `NAME.config.toml` beside it — its text as written, comments included — and removes
/// the tables (and a `profile = "NAME"` selector, which Codex 0.163 refuses) from
/// config.toml, so one setup serves this program and Codex alike.
public struct ProfileMigration: Sendable {
  /// `$CODEX_HOME`.
  public var home: String

  /// A migration of the profiles in `home`'s config.toml.
  public init(home: String) { self.home = home }

  /// Moves the tables; returns what it did, a line each. Nothing is written when any
  /// target file exists already.
  public func run() throws -> [String] {
    let configPath = home + "/config.toml"
    let editor = ConfigFileEditor(configPath: configPath)
    var document = try editor.read()
    guard let profiles = document.table["profiles"]?.tableValue, !profiles.isEmpty else {
      return ["no [profiles] tables in \(configPath): nothing to move"]
    }
    let files = ProfileFiles(home: home)
    var planned: [(name: String, path: String, text: String)] = []
    for name in profiles.keys {
      let path = try files.path(of: name)
      if FileManager.default.fileExists(atPath: path) {
        throw ConfigError(
          "\(path) exists already: merge [profiles.\(name)] into it by hand or remove it, then run this again (nothing was changed)"
        )
      }
      let table = profiles[name]?.tableValue ?? TOMLTable()
      var text = document.subtreeText(["profiles", name]) ?? TOMLEncoder.encode(table)
      if !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
      planned.append((name, path, text))
    }
    var report: [String] = []
    for entry in planned {
      do {
        try entry.text.write(toFile: entry.path, atomically: true, encoding: .utf8)
      } catch {
        throw ConfigError("cannot write \(entry.path): \(error.localizedDescription)")
      }
      report.append("[profiles.\(entry.name)] → \(entry.path)")
    }
    do {
      try document.remove(["profiles"])
      if let selected = document.table["profile"]?.stringValue {
        try document.remove(["profile"])
        report.append(
          "removed profile = \"\(selected)\" from \(configPath): Codex 0.163 selects a profile only with -p; use `-p \(selected)`"
        )
      }
    } catch let error as TOMLError {
      throw ConfigError("\(error)")
    }
    try editor.edit { $0 = document }
    report.append("removed the [profiles] tables from \(configPath)")
    return report
  }
}
