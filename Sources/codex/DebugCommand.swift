import ArgumentParser
import Foundation
import Sandbox
import TOML

struct DebugCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "debug",
    abstract: "Tools for checking codex itself.",
    subcommands: [
      TOMLDecodeCommand.self, TOMLCheckCommand.self, SpawnBenchCommand.self,
      DebugModelsCommand.self,
    ])
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

/// Checks TOML files and reports how long parsing took; `--repeat` parses each file
/// several times (after reading it once) for throughput measurements.
struct TOMLCheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "toml-check",
    abstract: "Parse TOML files and report errors with their positions, or the parse time.")

  @Option(help: "The TOML version to read: 1.0 or 1.1.")
  var tomlVersion: String = "1.0"

  @Option(help: "Parse each file this many times and print every duration in milliseconds.")
  var `repeat`: Int = 1

  @Argument(help: "The files to check.")
  var files: [String]

  func run() throws {
    guard let version = TOMLVersion(argument: tomlVersion) else {
      throw ValidationError("--toml-version must be 1.0 or 1.1, not \(tomlVersion)")
    }
    var failed = false
    for file in files {
      guard let data = FileManager.default.contents(atPath: file) else {
        FileHandle.standardError.write(Data("\(file): cannot read\n".utf8))
        failed = true
        continue
      }
      let bytes = Array(data)
      let parser = TOMLParser(version: version, sourceName: file)
      var durations: [Double] = []
      do {
        var keys = 0
        for _ in 0..<max(1, `repeat`) {
          let start = DispatchTime.now().uptimeNanoseconds
          keys = try parser.parse(bytes: bytes).count
          durations.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
        }
        let times = durations.map { String(format: "%.3f", $0) }.joined(separator: " ")
        let noun = keys == 1 ? "key" : "keys"
        print("\(file): ok, \(keys) top-level \(noun), \(bytes.count) bytes, ms: \(times)")
      } catch let error as TOMLError {
        FileHandle.standardError.write(Data((error.description + "\n").utf8))
        failed = true
      }
    }
    if failed { throw ExitCode(1) }
  }
}

/// Measures the cost of the sandbox on process start: the same executor path without
/// the sandbox, with Landlock and seccomp, and with those plus the user and mount
/// namespace (the directory holds a `.git`, mounted read-only), alternating, each
/// spawning /bin/true.
struct SpawnBenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "spawn-bench",
    abstract:
      "Time spawning /bin/true without the sandbox, with Landlock + seccomp, and with a mount namespace too; print the medians in ms."
  )

  @Option(help: "Spawns of each kind.")
  var runs: Int = 200

  func run() throws {
    // A workspace of its own (holding a .git, as a repository does), removed afterwards:
    // nothing is left in the current directory.
    let directory =
      FileManager.default.currentDirectoryPath + "/.codex-spawn-bench-\(getpid())"
    try FileManager.default.createDirectory(
      atPath: directory + "/.git", withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let plain = ExecRequest(command: ["/bin/true"], workingDirectory: directory, environment: [:])
    let policy = SandboxPolicy(mode: .workspaceWrite)
    var boxed = plain
    boxed.sandbox = LinuxSandbox.rules(
      for: policy, workingDirectory: directory, environment: [:],
      support: LinuxSandbox.Support(
        landlockABI: LinuxSandbox.Support.current.landlockABI, seccomp: true, namespaces: false))
    var namespaced = plain
    namespaced.sandbox = LinuxSandbox.rules(
      for: policy, workingDirectory: directory, environment: [:])
    guard namespaced.sandbox?.namespaces == true else {
      throw ValidationError("user namespaces are not available here")
    }
    var times: [[Double]] = [[], [], []]
    for _ in 0..<max(1, runs) {
      for (index, request) in [plain, boxed, namespaced].enumerated() {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try ProcessExecutor.runBlocking(request)
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
        guard result.exitCode == 0 else {
          throw ValidationError("/bin/true failed: \(result.stderr.text)")
        }
        times[index].append(elapsed)
      }
    }
    func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
    print(
      String(
        format: "plain %.3f sandboxed %.3f namespaced %.3f", median(times[0]), median(times[1]),
        median(times[2])))
  }
}
