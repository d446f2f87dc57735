import Agent
import ArgumentParser
import Commands
import Foundation
import Repl

struct ConfigCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "config",
    abstract: "Show every effective setting and where it came from.",
    subcommands: [ConfigShowCommand.self, MigrateProfilesCommand.self],
    defaultSubcommand: ConfigShowCommand.self)
}

/// `codex config migrate-profiles`
struct MigrateProfilesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "migrate-profiles",
    abstract:
      "Move each [profiles.NAME] table of config.toml into NAME.config.toml (as Codex 0.163 reads profiles)."
  )

  @OptionGroup var options: ConfigOptions

  func run() throws {
    let home = try Failure.loadConfiguration(options).codexHome
    do {
      for line in try ProfileMigration(home: home).run() { print(line) }
    } catch let error as ConfigError {
      throw ValidationError(error.message)
    }
  }
}

/// `codex config [show]`
struct ConfigShowCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show",
    abstract: "Show every effective setting and where it came from.")

  @OptionGroup var options: ConfigOptions

  @Flag(help: "Print the settings as one JSON object.")
  var json = false

  @Flag(help: "Show secret-looking values (API keys, tokens in headers or env) as they are.")
  var showSecrets = false

  func run() throws {
    let report = ConfigReport(try Failure.loadConfiguration(options), showSecrets: showSecrets)
    if json {
      print(report.json())
    } else {
      let style = TerminalStyle(descriptor: 1, environment: ProcessInfo.processInfo.environment)
      report.lines(dimOrigin: style.dim).forEach { print($0) }
    }
  }
}
