import Agent
import Foundation

/// `file_opener`: file paths in output become OSC 8 hyperlinks that open the file in
/// the editor (`vscode://file/ABSOLUTE_PATH`), on a terminal with colours only.
public struct FileLinks: Sendable {
  /// The URI scheme (`vscode`, `vscode-insiders`, `cursor`, `windsurf`).
  public var scheme: String
  /// What relative paths are relative to.
  public var workingDirectory: String

  /// Links for `configuration`'s opener; nil for `none` or without a terminal.
  public init?(configuration: Configuration, style: TerminalStyle) {
    guard configuration.fileOpener != .none, style.colors else { return nil }
    scheme = configuration.fileOpener.rawValue
    workingDirectory = configuration.workingDirectory
  }

  /// `path` (already safe to print) wrapped in a hyperlink to the file.
  public func link(_ path: String, shown: String) -> String {
    let absolute =
      path.hasPrefix("/")
      ? path : URL(fileURLWithPath: workingDirectory + "/" + path).standardized.path
    let encoded =
      absolute.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? absolute
    return "\u{1B}]8;;\(scheme)://file\(encoded)\u{1B}\\\(shown)\u{1B}]8;;\u{1B}\\"
  }
}
