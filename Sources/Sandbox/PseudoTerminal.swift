internal import CSandbox
import Foundation

/// A pseudo-terminal pair: codex keeps the master, the command gets the slave.
public struct PseudoTerminal: Sendable {
  /// Codex's end: what the command writes is read here, what is written here is its input.
  public var master: Int32
  /// The command's end (its stdin, stdout and stderr).
  public var slave: Int32

  /// A new pair, both ends close-on-exec; the terminal is `columns` wide.
  public static func open(columns: UInt16 = 120, rows: UInt16 = 40) throws -> PseudoTerminal {
    var master: Int32 = -1
    var slave: Int32 = -1
    let status = codex_open_pty(&master, &slave, columns, rows)
    guard status == 0 else {
      throw ExecError.spawnFailed("a pseudo-terminal", String(cString: strerror(status)))
    }
    return PseudoTerminal(master: master, slave: slave)
  }
}
