import Foundation

/// Serialises Foundation `Process` launches in the test process.
private let launchLock = NSLock()

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
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    for (key, value) in environment { env[key] = value }
    process.environment = env
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }

    // Files, not pipes: a child that writes a lot can never block on a full pipe.
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
      "codex-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let paths = ["in", "out", "err"].map { scratch.appendingPathComponent($0) }
    try stdin.write(to: paths[0])
    FileManager.default.createFile(atPath: paths[1].path, contents: nil)
    FileManager.default.createFile(atPath: paths[2].path, contents: nil)
    process.standardInput = try FileHandle(forReadingFrom: paths[0])
    process.standardOutput = try FileHandle(forWritingTo: paths[1])
    process.standardError = try FileHandle(forWritingTo: paths[2])

    let finished = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in finished.signal() }
    // Foundation's Process.run is not safe to call from several threads at once (it
    // crashed copying its arguments while other launches ran); the children still run
    // side by side.
    try launchLock.withLock { try process.run() }
    finished.wait()
    return Result(
      status: process.terminationStatus,
      stdout: String(decoding: try Data(contentsOf: paths[1]), as: UTF8.self),
      stderr: String(decoding: try Data(contentsOf: paths[2]), as: UTF8.self))
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
