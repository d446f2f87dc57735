import ArgumentParser
import Foundation
import TOML

struct DebugCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "debug",
    abstract: "Tools for checking codex itself.",
    subcommands: [TOMLDecodeCommand.self])
}

/// toml-test's decoder interface: TOML on stdin, tagged JSON on stdout.
struct TOMLDecodeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "toml-decode",
    abstract: "Read TOML on stdin and print it as toml-test's tagged JSON; exit 1 if it is invalid."
  )

  @Option(help: "The TOML version to read: 1.0 or 1.1.")
  var tomlVersion: String = "1.0"

  func run() throws {
    guard let version = TOMLVersion(argument: tomlVersion) else {
      throw ValidationError("--toml-version must be 1.0 or 1.1, not \(tomlVersion)")
    }
    let input = FileHandle.standardInput.readDataToEndOfFile()
    do {
      let table = try TOMLParser(version: version, sourceName: "<stdin>").parse(bytes: Array(input))
      print(TaggedJSON.encode(table))
    } catch let error as TOMLError {
      FileHandle.standardError.write(Data((error.description + "\n").utf8))
      throw ExitCode(1)
    }
  }
}
