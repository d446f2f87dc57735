import Foundation
import TOML

/// Adds and removes `[mcp_servers.NAME]` tables in `config.toml`, editing the file in
/// place: the user's comments, order and formatting stay as they were.
public struct MCPServerEditor: Sendable {
  /// The config.toml to edit.
  public var configPath: String

  /// An editor of `configPath`.
  public init(configPath: String) {
    self.configPath = configPath
  }

  /// Adds a streamable HTTP server, with the variable holding its bearer token. Fails
  /// when the name is taken or not a plain name.
  public func add(name: String, url: String, bearerTokenEnvVar: String?) throws {
    try checkName(name)
    var document = try read()
    try checkFree(name, in: document)
    try document.set(["mcp_servers", name, "url"], to: TOMLValue(.string(url)))
    if let bearerTokenEnvVar {
      try document.set(
        ["mcp_servers", name, "bearer_token_env_var"], to: TOMLValue(.string(bearerTokenEnvVar)))
    }
    try write(document)
  }

  private func checkName(_ name: String) throws {
    guard !name.isEmpty,
      name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") })
    else {
      throw ConfigError("MCP server name \"\(name)\": use letters, digits, - and _ only")
    }
  }

  private func checkFree(_ name: String, in document: TOMLDocument) throws {
    if document.table[path: ["mcp_servers", name]] != nil {
      throw ConfigError(
        "an MCP server named \(name) is already in \(configPath); remove it first (codex mcp remove \(name))"
      )
    }
  }

  /// Adds a stdio server. Fails when the name is taken or not a plain name.
  public func add(name: String, command: String, arguments: [String], environment: [String: String])
    throws
  {
    try checkName(name)
    var document = try read()
    try checkFree(name, in: document)
    try document.set(["mcp_servers", name, "command"], to: TOMLValue(.string(command)))
    try document.set(
      ["mcp_servers", name, "args"], to: TOMLValue(.array(arguments.map { TOMLValue(.string($0)) }))
    )
    if !environment.isEmpty {
      var table = TOMLTable()
      for (key, value) in environment.sorted(by: { $0.key < $1.key }) {
        table.set(key, TOMLValue(.string(value)), keyPosition: nil)
      }
      try document.set(["mcp_servers", name, "env"], to: TOMLValue(.table(table)))
    }
    try write(document)
  }

  /// Removes a server; false when none has that name.
  public func remove(name: String) throws -> Bool {
    var document = try read()
    guard document.table[path: ["mcp_servers", name]] != nil else { return false }
    try document.remove(["mcp_servers", name])
    try write(document)
    return true
  }

  private func read() throws -> TOMLDocument {
    try ConfigFileEditor(configPath: configPath).read()
  }

  private func write(_ document: TOMLDocument) throws {
    try ConfigFileEditor(configPath: configPath).edit { $0 = document }
  }
}
