import Agent
import ArgumentParser
import Foundation
import Sandbox

/// `codex doctor`: what this installation has and whether its setup works — version,
/// libraries, config files, key, providers, sandbox, MCP servers — one line each, `ok`
/// or the problem and its fix. Exits 1 when something is wrong.
struct DoctorCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "doctor",
    abstract: "Check this installation: libraries, config, key, providers, sandbox, MCP servers.")

  @OptionGroup var options: ConfigOptions

  @Option(help: "Seconds to wait for each provider and MCP server.")
  var timeout: Double = 3

  func run() async throws {
    var report = DoctorReport()
    report.info("codex", CodexVersion.current)
    for library in DoctorChecks.libraries() { report.add(library) }
    let configuration: Configuration
    do {
      configuration = try ConfigLoader().load(options.overrides)
      report.ok("config", configuration.configFile)
      for warning in configuration.warnings { report.warn("config", warning) }
    } catch let error as ConfigError {
      report.fail("config", error.message)
      report.print()
      throw ExitCode(1)
    }
    report.add(DoctorChecks.key(configuration))
    report.add(await DoctorChecks.provider(configuration, timeout: timeout))
    for line in DoctorChecks.sandbox(configuration) { report.add(line) }
    for line in await DoctorChecks.mcpServers(configuration, timeout: timeout) { report.add(line) }
    report.print()
    if report.failed { throw ExitCode(1) }
  }
}
