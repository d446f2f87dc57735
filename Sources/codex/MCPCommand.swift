import Agent
import ArgumentParser
import Foundation
import Sandbox

/// `codex mcp list | add | remove`: the MCP servers in `config.toml`.
struct MCPCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "mcp",
    abstract: "List, add or remove the MCP servers in config.toml (edited in place).",
    subcommands: [MCPListCommand.self, MCPAddCommand.self, MCPRemoveCommand.self],
    defaultSubcommand: MCPListCommand.self)
}

struct MCPListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list", abstract: "The MCP servers configured, and how each is reached.")

  @OptionGroup var options: ConfigOptions

  func run() throws {
    let configuration = try Failure.loadConfiguration(options)
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
    abstract: "Add a stdio MCP server: codex mcp add NAME [--env K=V]... -- COMMAND ARGS...")

  @Argument(help: "The server's name (letters, digits, - and _).")
  var name: String

  @Option(help: ArgumentHelp("An environment variable for the server.", valueName: "KEY=VALUE"))
  var env: [String] = []

  @Argument(parsing: .postTerminator, help: "The command that starts the server, after --.")
  var command: [String] = []

  func run() throws {
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
