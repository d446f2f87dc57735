import Agent
import ArgumentParser
import Foundation
import Repl

/// Prints an error the way every subcommand reports one and gives the exit code.
enum Failure {
  static func report(_ message: String, code: Int32) -> ExitCode {
    let style = TerminalStyle(descriptor: 2, environment: ProcessInfo.processInfo.environment)
    FileHandle.standardError.write(Data((style.red("error: ") + message + "\n").utf8))
    return ExitCode(code)
  }

  static func warn(_ message: String) {
    let style = TerminalStyle(descriptor: 2, environment: ProcessInfo.processInfo.environment)
    FileHandle.standardError.write(Data((style.yellow("warning: ") + message + "\n").utf8))
  }

  /// Loads the configuration for a subcommand; a bad configuration exits with 2.
  static func loadConfiguration(_ options: ConfigOptions) throws -> Configuration {
    do {
      let configuration = try ConfigLoader().load(options.overrides)
      configuration.warnings.forEach(warn)
      return configuration
    } catch let error as ConfigError {
      throw report(error.message, code: 2)
    }
  }
}
