/// A rules file that cannot be used: where (`file:line:col`) and what is wrong.
public struct RuleFileError: Error, Sendable, Equatable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var column: Int
  public var message: String

  public var description: String { "\(file):\(line):\(column): \(message)" }
}
