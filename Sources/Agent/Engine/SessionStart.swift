import Foundation

/// A saved session that could not be continued; nothing was started in its place.
public struct SessionResumeError: Error, CustomStringConvertible {
  /// Which session, and why it cannot be continued.
  public var message: String
  /// The message.
  public var description: String { message }
}

extension Session {
  /// How every front-end (the REPL, scripts, exec, resume, the MCP server) starts a
  /// session from a resolved configuration: the model client for `traffic`, the
  /// conversation (new, or the saved one in `resuming`), the session log, the MCP
  /// servers. A session that cannot be resumed is an error naming it, never a new one
  /// in its place; a log that cannot be opened is a notice, and the session goes on.
  public static func start(
    configuration: Configuration, traffic: ModelTraffic, approvals: ApprovalHandler,
    environment: [String: String], resuming saved: SavedSession? = nil,
    forking original: SavedSession? = nil, baseInstructions: String? = nil,
    notice: (String) -> Void
  ) throws -> Session {
    let client = traffic.client(for: configuration, environment: environment)
    let session: Session
    if let saved {
      do {
        session = try Session(
          resuming: saved, configuration: configuration, client: client, approvals: approvals,
          environment: environment)
      } catch {
        let reason = (error as? ModelError)?.message ?? "\(error)"
        throw SessionResumeError(message: "cannot resume session \(saved.id): \(reason)")
      }
      let left =
        saved.omittedBytes > 0
        ? "; its oldest \(saved.omittedBytes >> 20) MB are not loaded, more than a request can carry"
        : ""
      notice("resumed session \(saved.id) (\(saved.items.count - 1) items\(left))")
    } else if let original {
      session = Session(
        forking: original, configuration: configuration, client: client, approvals: approvals,
        environment: environment)
      notice(
        "forked session \(original.id) into new session \(session.id) (\(original.items.count - 1) items)"
      )
    } else {
      session = Session(
        configuration: configuration, client: client, approvals: approvals,
        environment: environment, baseInstructions: baseInstructions)
    }
    if saved == nil {
      do {
        if !configuration.ephemeral { try session.startLog() }
      } catch {
        // The turn still runs; only the log (and so `resume`) is lost.
        let reason = (error as? ModelError)?.message ?? "\(error)"
        notice("warning: this session is not saved (\(reason)); it runs, but cannot be resumed")
      }
    }
    session.startMCPServers()
    return session
  }
}
