import Agent
import ArgumentParser
import Foundation
import Sandbox

/// `codex mcp list | add | remove`: the MCP servers in `config.toml`.
struct MCPCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "mcp",
    abstract: "List, add or remove the MCP servers in config.toml (edited in place).",
    subcommands: [
      MCPListCommand.self, MCPGetCommand.self, MCPAddCommand.self, MCPRemoveCommand.self,
    ],
    defaultSubcommand: MCPListCommand.self)
}

struct MCPListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list", abstract: "The MCP servers configured, and how each is reached.")

  @OptionGroup var options: ConfigOptions

  @Flag(help: "One JSON array of the servers.")
  var json = false

  func run() throws {
    let configuration = try Failure.loadConfiguration(options)
    if json {
      print(JSONValue.array(configuration.mcpServers.map(MCPServerDescription.json)).text)
      return
    }
    guard !configuration.mcpServers.isEmpty else {
      print(
        "No MCP servers in \(configuration.configFile); add one with codex mcp add NAME -- COMMAND ARGS..."
      )
      return
    }
    for server in configuration.mcpServers {
      let target = server.url ?? CommandText.join([server.command ?? ""] + server.args)
      print("\(server.name)\t\(target)\(server.enabled ? "" : "\t(disabled)")")
    }
  }
}

struct MCPAddCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "add",
    abstract:
      "Add an MCP server: codex mcp add NAME [--env K=V]... -- COMMAND ARGS..., or codex mcp add NAME --url URL [--bearer-token-env-var VAR]"
  )

  @Argument(help: "The server's name (letters, digits, - and _).")
  var name: String

  @Option(help: ArgumentHelp("An environment variable for the server.", valueName: "KEY=VALUE"))
  var env: [String] = []

  @Option(help: "The URL of a streamable HTTP server (instead of a command).")
  var url: String?

  @Option(help: "The environment variable holding the HTTP server's bearer token.")
  var bearerTokenEnvVar: String?

  @Argument(parsing: .postTerminator, help: "The command that starts the server, after --.")
  var command: [String] = []

  func run() throws {
    if let url {
      guard command.isEmpty, env.isEmpty else {
        throw ValidationError("give either --url or a command after --, not both")
      }
      let path = try codexHome() + "/config.toml"
      do {
        try MCPServerEditor(configPath: path).add(
          name: name, url: url, bearerTokenEnvVar: bearerTokenEnvVar)
      } catch let error as ConfigError {
        throw Failure.report(error.message, code: 1)
      }
      print("Added MCP server \(name) (\(url)) to \(path)")
      return
    }
    guard let program = command.first else {
      throw ValidationError(
        "give the server's command after --: codex mcp add \(name) -- npx server")
    }
    var environment: [String: String] = [:]
    for pair in env {
      guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
        throw ValidationError("--env takes KEY=VALUE, not \(pair)")
      }
      environment[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
    }
    let path = try codexHome() + "/config.toml"
    do {
      try MCPServerEditor(configPath: path).add(
        name: name, command: program, arguments: Array(command.dropFirst()),
        environment: environment)
    } catch let error as ConfigError {
      throw Failure.report(error.message, code: 1)
    }
    print("Added MCP server \(name) to \(path)")
  }
}

struct MCPRemoveCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "remove", abstract: "Remove an MCP server from config.toml.")

  @Argument(help: "The server's name.")
  var name: String

  func run() throws {
    let path = try codexHome() + "/config.toml"
    do {
      guard try MCPServerEditor(configPath: path).remove(name: name) else {
        throw Failure.report("no MCP server named \(name) in \(path)", code: 1)
      }
    } catch let error as ConfigError {
      throw Failure.report(error.message, code: 1)
    }
    print("Removed MCP server \(name) from \(path)")
  }
}

struct MCPGetCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "get", abstract: "One MCP server's settings (secret values masked).")

  @OptionGroup var options: ConfigOptions

  @Argument(help: "The server's name.")
  var name: String

  @Flag(help: "As a JSON object.")
  var json = false

  func run() throws {
    let configuration = try Failure.loadConfiguration(options)
    guard let server = configuration.mcpServers.first(where: { $0.name == name }) else {
      throw Failure.report(
        "no MCP server named \(name) in \(configuration.configFile); `codex mcp list` shows them",
        code: 1)
    }
    let description = MCPServerDescription.json(server)
    if json {
      print(description.text)
      return
    }
    print(name)
    for (key, value) in description.object ?? [:] where key != "name" {
      print("  \(key): \(value.string ?? value.text)")
    }
  }
}

/// A server as `codex mcp list --json` and `codex mcp get` show it: environment and
/// header values masked, since they often hold keys.
enum MCPServerDescription {
  static func json(_ server: Configuration.MCPServer) -> JSONValue {
    func masked(_ table: [String: String]) -> JSONValue {
      var object = JSONObject()
      for key in table.keys.sorted() { object[key] = "*****" }
      return .object(object)
    }
    var transport: JSONObject
    if let url = server.url {
      transport = ["type": "streamable_http", "url": .string(url)]
      if let variable = server.bearerTokenEnvVar {
        transport["bearer_token_env_var"] = .string(variable)
      }
      if !server.httpHeaders.isEmpty { transport["http_headers"] = masked(server.httpHeaders) }
      if !server.envHTTPHeaders.isEmpty {
        var headers = JSONObject()
        for key in server.envHTTPHeaders.keys.sorted() {
          headers[key] = .string(server.envHTTPHeaders[key]!)
        }
        transport["env_http_headers"] = .object(headers)
      }
    } else {
      transport = [
        "type": "stdio", "command": .string(server.command ?? ""),
        "args": .array(server.args.map(JSONValue.string)), "env": masked(server.env),
      ]
      if let cwd = server.cwd { transport["cwd"] = .string(cwd) }
      if !server.passedVariables.isEmpty {
        transport["env_vars"] = .array(server.passedVariables.map(JSONValue.string))
      }
    }
    var object: JSONObject = [
      "name": .string(server.name), "enabled": .bool(server.enabled),
      "transport": .object(transport),
      "startup_timeout_sec": .double(server.startupTimeoutSeconds),
      "tool_timeout_sec": .double(server.toolTimeoutSeconds),
    ]
    if let enabled = server.enabledTools {
      object["enabled_tools"] = .array(enabled.map(JSONValue.string))
    }
    if !server.disabledTools.isEmpty {
      object["disabled_tools"] = .array(server.disabledTools.map(JSONValue.string))
    }
    return .object(object)
  }
}
