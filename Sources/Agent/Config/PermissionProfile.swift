import Foundation
import Sandbox
import TOML

/// A named permission profile (`default_permissions`, `[permissions.NAME]`, `-P`) as
/// Codex 0.163 writes them, turned into this program's sandbox policy. Rules the sandbox
/// here cannot enforce (read denials, domain lists) are listed, never silently dropped.
public struct PermissionProfile: Sendable, Equatable {
  /// The profile's name (`:workspace` for a built-in one).
  public var name: String
  /// The sandbox it comes to.
  public var mode: SandboxMode
  /// The working directory (with the profile's workspace roots) is writable.
  public var workspaceWritable: Bool
  /// Folders writable besides the workspace.
  public var writableRoots: [String] = []
  /// Commands may use the network.
  public var network: Bool
  /// `$TMPDIR` and `/tmp` are writable.
  public var tmpdirWritable: Bool
  public var slashTmpWritable: Bool
  /// Rules of the profile this sandbox does not enforce, one line each.
  public var unenforced: [String] = []

  /// The built-in profiles: `:read-only`, `:workspace`, `:danger-full-access`.
  public static func builtIn(_ name: String) -> PermissionProfile? {
    switch name {
    case ":read-only":
      return PermissionProfile(
        name: name, mode: .readOnly, workspaceWritable: false, network: false,
        tmpdirWritable: false, slashTmpWritable: false)
    case ":workspace":
      return PermissionProfile(
        name: name, mode: .workspaceWrite, workspaceWritable: true, network: false,
        tmpdirWritable: true, slashTmpWritable: true)
    case ":danger-full-access":
      return PermissionProfile(
        name: name, mode: .dangerFullAccess, workspaceWritable: true, network: true,
        tmpdirWritable: true, slashTmpWritable: true)
    default:
      return nil
    }
  }

  /// Profile `name`: built in, or `[permissions.NAME]` of `table` (the `permissions`
  /// table), resolved through its `extends` chain. `home` expands `~/`.
  public static func resolve(_ name: String, permissions table: TOMLTable?, home: String) throws
    -> PermissionProfile
  {
    try resolve(name, permissions: table, home: home, seen: [])
  }

  private static func resolve(
    _ name: String, permissions table: TOMLTable?, home: String, seen: [String]
  ) throws -> PermissionProfile {
    if let builtIn = builtIn(name) { return builtIn }
    guard !seen.contains(name) else {
      throw ConfigError(
        "permission profile `\(name)` extends itself (\((seen + [name]).joined(separator: " → ")))")
    }
    guard let profile = table?[name]?.tableValue else {
      let known = [":read-only", ":workspace", ":danger-full-access"] + (table?.keys ?? [])
      throw ConfigError(
        "permission profile `\(name)` is not defined; known: \(known.joined(separator: ", ")); define it under [permissions.\(name)]"
      )
    }
    let place = "[permissions.\(name)]"
    var result: PermissionProfile
    if let parent = profile["extends"]?.stringValue {
      result = try resolve(parent, permissions: table, home: home, seen: seen + [name])
    } else {
      // Without `extends` a profile starts with nothing; reads cannot be restricted here.
      result = builtIn(":read-only")!
      result.unenforced.append(
        "\(place) has no `extends`: in Codex it may read only what it lists; here every file stays readable"
      )
    }
    result.name = name
    for entry in profile["filesystem"]?.tableValue?.entries ?? [] {
      try result.apply(path: entry.key, entry.value, place: place, home: home)
    }
    if let network = profile["network"]?.tableValue {
      if let enabled = network["enabled"]?.boolValue { result.network = enabled }
      if network["domains"] != nil {
        result.unenforced.append(
          "\(place).network.domains: domain rules are not enforced here; the network is \(result.network ? "open" : "off") as a whole"
        )
      }
    }
    for entry in profile["workspace_roots"]?.tableValue?.entries ?? []
    where entry.value.boolValue == true {
      result.writableRoots.append(expand(entry.key, home: home))
    }
    if result.mode == .readOnly && !result.writableRoots.isEmpty {
      result.mode = .workspaceWrite
    }
    return result
  }

  private static func expand(_ path: String, home: String) -> String {
    path.hasPrefix("~/") ? home + path.dropFirst(1) : path
  }

  /// One `filesystem` entry: a special place or a path, with an access or a table of
  /// access by sub-path.
  private mutating func apply(path: String, _ value: TOMLValue, place: String, home: String)
    throws
  {
    let access: String
    if let text = value.stringValue {
      access = text
    } else if let scoped = value.tableValue {
      // `{ "." = "write", ".git" = "read", "**/*.env" = "none" }`
      for entry in scoped.entries where entry.key != "." {
        if entry.value.stringValue != "write" {
          unenforced.append(
            "\(place).filesystem.\"\(path)\".\"\(entry.key)\" = \(entry.value.stringValue ?? "?"): sub-path rules are not enforced here (.git and .codex stay read-only)"
          )
        }
      }
      access = scoped["."]?.stringValue ?? "read"
    } else {
      throw ConfigError(
        "\(place).filesystem.\"\(path)\" must be \"read\", \"write\", \"none\" or a table")
    }
    guard ["read", "write", "none", "deny"].contains(access) else {
      throw ConfigError(
        "\(place).filesystem.\"\(path)\" = \"\(access)\": expected \"read\", \"write\" or \"none\"")
    }
    if access == "none" || access == "deny" {
      unenforced.append(
        "\(place).filesystem.\"\(path)\" = \"\(access)\": read denials are not enforced here")
      return
    }
    let write = access == "write"
    switch path {
    case ":workspace_roots", ":project_roots", ":cwd":
      workspaceWritable = write
      if write, mode == .readOnly { mode = .workspaceWrite }
    case ":tmpdir": tmpdirWritable = write
    case ":slash_tmp": slashTmpWritable = write
    case ":root", ":minimal":
      if write {
        writableRoots.append("/")
        if mode == .readOnly { mode = .workspaceWrite }
      }
    default:
      guard path.hasPrefix("/") || path.hasPrefix("~/") else {
        throw ConfigError(
          "\(place).filesystem.\"\(path)\": not an absolute path, ~/path or one of :workspace_roots, :tmpdir, :slash_tmp, :root, :minimal"
        )
      }
      if write {
        writableRoots.append(Self.expand(path, home: home))
        if mode == .readOnly { mode = .workspaceWrite }
      }
    }
  }
}
