import Foundation
import Sandbox

/// `notify = ["program", "args"...]`: after each turn the program runs with one more
/// argument, a JSON object in Codex CLI's shape:
/// `{"type":"agent-turn-complete","thread-id":…,"turn-id":…,"cwd":…,"input-messages":[…],
/// "last-assistant-message":…}`.
/// It runs outside the sandbox (it is the user's own program) and is given five seconds.
public struct TurnNotifier: Sendable {
  /// The `notify` program and its arguments.
  public var command: [String]
  /// Where it runs.
  public var workingDirectory: String
  /// Its environment.
  public var environment: [String: String]

  /// A notifier running `command`.
  public init(command: [String], workingDirectory: String, environment: [String: String]) {
    self.command = command
    self.workingDirectory = workingDirectory
    self.environment = environment
  }

  static func payload(
    threadID: String, turnID: String, cwd: String, inputs: [String], lastMessage: String?
  ) -> String {
    let object: JSONValue = [
      "type": "agent-turn-complete", "thread-id": .string(threadID), "turn-id": .string(turnID),
      "cwd": .string(cwd), "input-messages": .array(inputs.map(JSONValue.string)),
      "last-assistant-message": lastMessage.map(JSONValue.string) ?? .null,
    ]
    return object.text
  }

  /// Runs the program; a failure to start it is returned as a message, never thrown.
  public func notify(threadID: String, turnID: String, inputs: [String], lastMessage: String?)
    async -> String?
  {
    guard !command.isEmpty else { return nil }
    let payload = Self.payload(
      threadID: threadID, turnID: turnID, cwd: workingDirectory, inputs: inputs,
      lastMessage: lastMessage)
    let request = ExecRequest(
      command: command + [payload],
      workingDirectory: workingDirectory, environment: environment, timeout: .seconds(5),
      outputLimit: 4096)
    do {
      let result = try await ProcessExecutor.run(request)
      if result.timedOut { return "notify program \(command[0]) took over 5 s and was stopped" }
      return nil
    } catch {
      return "notify program \(command[0]) could not run: \(error)"
    }
  }
}
