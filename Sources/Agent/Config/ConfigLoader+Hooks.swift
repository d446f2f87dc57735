import Foundation
import TOML

extension ConfigLoader {
  /// The hooks of `hooks.json` and config.toml's `[hooks]` in `$CODEX_HOME`, then in each
  /// trusted project folder; trust from the user's `[hooks.state]` only (a project
  /// cannot vouch for its own hooks).
  func loadHooks(
    home: String, configPath: String, userTable: TOMLTable, projectFolders: [String],
    bypassTrust: Bool, enabled: Bool, warnings: inout [String]
  ) -> Hooks {
    var sources: [HookDiscovery.Source] = []
    func add(folder: String, configTable: TOMLTable?, configFile: String) {
      let json = folder + "/hooks.json"
      if let data = FileManager.default.contents(atPath: json) {
        if let events = JSONValue.parse(String(decoding: data, as: UTF8.self))?["hooks"] {
          sources.append(HookDiscovery.Source(path: json, events: events))
        } else {
          warnings.append(
            "\(json) is not a JSON object with a `hooks` table; its hooks are skipped")
        }
      }
      guard var table = configTable?["hooks"]?.tableValue else { return }
      table["state"] = nil
      if !table.keys.isEmpty, let events = JSONValue.parse(JSONText.value(TOMLValue(.table(table))))
      {
        sources.append(HookDiscovery.Source(path: configFile, events: events))
      }
    }
    add(folder: home, configTable: userTable, configFile: configPath)
    for folder in projectFolders {
      let file = folder + "/config.toml"
      var ignored: [String] = []
      let table = try? readConfigFile(file, granularWarnings: &ignored)
      add(folder: folder, configTable: table, configFile: file)
    }
    var state: [String: HookDiscovery.State] = [:]
    for entry in userTable[path: ["hooks", "state"]]?.tableValue?.entries ?? [] {
      state[entry.key] = HookDiscovery.State(
        trustedHash: entry.value.tableValue?["trusted_hash"]?.stringValue,
        enabled: entry.value.tableValue?["enabled"]?.boolValue)
    }
    let (handlers, problems) = HookDiscovery.discover(sources, state: state)
    return Hooks(all: handlers, warnings: problems, bypassTrust: bypassTrust, enabled: enabled)
  }

  /// The skills of the trusted project's `.codex/skills` (nearest folder first), then
  /// `$CODEX_HOME/skills` and its `.system` folder; `[[skills.config]]` entries with
  /// `enabled = false` turn one off by its SKILL.md path.
  func loadSkills(home: String, merged: TOMLTable, projectFolders: [String]) -> SkillCatalog {
    var disabled: Set<String> = []
    for entry in merged[path: ["skills", "config"]]?.arrayValue ?? [] {
      if let table = entry.tableValue, table["enabled"]?.boolValue == false,
        let path = table["path"]?.stringValue
      {
        disabled.insert(path)
      }
    }
    let roots =
      projectFolders.reversed().map { $0 + "/skills" } + [
        home + "/skills", home + "/skills/.system",
      ]
    return SkillCatalog(roots: roots, disabled: disabled)
  }
}
