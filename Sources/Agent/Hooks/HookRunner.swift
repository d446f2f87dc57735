import Foundation
import Sandbox

/// Runs one hook: `/bin/sh -c COMMAND` in the session's directory, the event's JSON on
/// stdin, in its own process group under codex's supervision (nothing it starts
/// outlives codex), ended at its timeout. Hooks are the user's own programs: they run
/// outside the model's sandbox.
enum HookRunner {
  /// How one run ended.
  struct Run: Sendable {
    var exitCode: Int32?
    var stdout: String
    var stderr: String
    /// Why it did not run or finish (it timed out, could not start).
    var failure: String?
  }

  static func run(
    _ handler: HookHandler, payload: JSONValue, workingDirectory: String,
    environment: [String: String]
  ) async -> Run {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
      "codex-hook-\(UUID().uuidString).json")
    do {
      try Data(payload.text.utf8).write(to: file, options: [.atomic])
      try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
    } catch {
      return Run(stdout: "", stderr: "", failure: "its input could not be written: \(error)")
    }
    defer { try? FileManager.default.removeItem(at: file) }
    var request = ExecRequest(
      command: ["/bin/sh", "-c", handler.command], workingDirectory: workingDirectory,
      environment: environment, timeout: .seconds(handler.timeoutSeconds),
      killGrace: .seconds(1), outputLimit: 1 << 20)
    request.stdinFile = file.path
    do {
      let result = try await ProcessExecutor.run(request)
      let stdout = String(decoding: result.stdout.keptBytes, as: UTF8.self)
      let stderr = String(decoding: result.stderr.keptBytes, as: UTF8.self)
      if result.timedOut {
        return Run(
          stdout: stdout, stderr: stderr,
          failure: "timed out after \(handler.timeoutSeconds) s and was stopped")
      }
      if result.cancelled {
        return Run(
          stdout: stdout, stderr: stderr, failure: "was stopped (the turn was interrupted)")
      }
      return Run(exitCode: result.exitCode, stdout: stdout, stderr: stderr)
    } catch {
      return Run(stdout: "", stderr: "", failure: "could not start: \(error)")
    }
  }
}
