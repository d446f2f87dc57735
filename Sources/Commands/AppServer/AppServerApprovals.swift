import Agent
import Foundation
import Sandbox

/// Approvals asked of the app-server's client as server-to-client requests
/// (`item/commandExecution/requestApproval`, `item/fileChange/requestApproval`), answered
/// with Codex's decisions: accept, acceptForSession, decline, cancel.
// @unchecked Sendable: the turn ids and the calls waiting are read and changed under `lock`.
final class AppServerApprovals: ApprovalHandler, @unchecked Sendable {
  private let connection: JSONRPCConnection
  private let lock = NSLock()
  private var thread = ""
  private var turnID = ""
  /// The calls whose approval was just requested (the engine says so before asking).
  private var items: [String] = []

  init(connection: JSONRPCConnection) {
    self.connection = connection
  }

  /// The thread the approvals are for (its session's id, known once it started).
  var threadID: String {
    get { lock.withLock { thread } }
    set { lock.withLock { thread = newValue } }
  }

  /// The turn now running, and the call about to be asked about.
  func turnStarted(_ id: String) { lock.withLock { turnID = id } }
  func asking(about callID: String) { lock.withLock { items.append(callID) } }

  func answer(_ question: ApprovalQuestion) async -> ApprovalAnswer {
    let (threadID, turn, item) = lock.withLock {
      (thread, turnID, items.isEmpty ? "" : items.removeFirst())
    }
    var params: JSONObject = [
      "threadId": .string(threadID), "turnId": .string(turn), "itemId": .string(item),
      "startedAtMs": AppServerShapes.milliseconds(), "reason": .string(question.reason),
    ]
    let method: String
    if question.kind == .patch {
      method = "item/fileChange/requestApproval"
    } else {
      method = "item/commandExecution/requestApproval"
      params["command"] = .string(CommandText.join(question.command))
      params["cwd"] = .string(question.workingDirectory)
    }
    guard let reply = try? await connection.request(method, .object(params)) else {
      return .abort
    }
    switch reply["decision"] {
    case .string("accept")?: return .approve
    case .string("acceptForSession")?: return .approveForSession
    case .string("decline")?: return .deny
    case .string("cancel")?: return .abort
    case .object?: return .approve
    default: return .deny
    }
  }
}
