import Foundation
import TestSupport

/// Runs the built `codex` binary as a user would, capturing its output.
struct CodexProcess {
  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// `CODEX_BIN`, else the `codex` built next to the test bundle.
  static var binary: String {
    if let path = ProcessInfo.processInfo.environment["CODEX_BIN"] { return path }
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
      let candidate = directory.appendingPathComponent("codex")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate.path }
      directory.deleteLastPathComponent()
    }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent()
      .deletingLastPathComponent()
    return root.appendingPathComponent(".build/debug/codex").path
  }

  static func run(
    _ arguments: [String], stdin: Data = Data(), environment: [String: String] = [:],
    directory: String? = nil
  ) throws -> Result {
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    for (key, value) in environment { env[key] = value }

    // Files, not pipes: a child that writes a lot can never block on a full pipe.
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
      "codex-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let paths = ["in", "out", "err"].map { scratch.appendingPathComponent($0).path }
    try stdin.write(to: URL(fileURLWithPath: paths[0]))
    let status = try Spawn.run(
      [binary] + arguments, stdin: paths[0], stdout: paths[1], stderr: paths[2],
      directory: directory, environment: env)
    // As Foundation's Process reports it: the exit code, or the signal that ended it.
    let signal = status & 0x7f
    return Result(
      status: signal == 0 ? (status >> 8) & 0xff : signal,
      stdout: String(decoding: try Data(contentsOf: URL(fileURLWithPath: paths[1])), as: UTF8.self),
      stderr: String(decoding: try Data(contentsOf: URL(fileURLWithPath: paths[2])), as: UTF8.self))
  }

  /// A new CODEX_HOME whose config.toml points model `model` at `server` on `wire`
  /// (provider `s`), with `extra` TOML after the top-level keys.
  static func makeHome(
    server: ScriptedModelServer, wire: String = "responses", model: String = "m",
    extra: String = ""
  ) throws -> String {
    try makeHome(
      config: Data(
        """
        model = "\(model)"
        model_provider = "s"
        \(extra)
        [model_providers.s]
        name = "Scripted"
        base_url = "\(server.baseURL)"
        wire_api = "\(wire)"
        """.utf8))
  }

  /// A new, empty CODEX_HOME.
  static func makeHome(config: Data? = nil) throws -> String {
    let home = FileManager.default.temporaryDirectory.appendingPathComponent(
      "codex-home-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    if let config { try config.write(to: home.appendingPathComponent("config.toml")) }
    return home.path
  }
}

extension CodexProcess {
  /// PIDs whose command line contains `text`.
  static func processesMatching(_ text: String) throws -> [Int] {
    try FileManager.default.contentsOfDirectory(atPath: "/proc").compactMap { entry -> Int? in
      guard let pid = Int(entry),
        let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline")
      else { return nil }
      let commandLine = String(decoding: data.map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
      return commandLine.contains(text) ? pid : nil
    }
  }
}
