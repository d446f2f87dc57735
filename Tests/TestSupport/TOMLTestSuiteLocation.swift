import Foundation

/// Where the official toml-test suite is: `CODEX_TOML_TEST_DIR`, else the copy
/// `scripts/peers toml-test` unpacks inside the repository (from the pinned tomlkit
/// source distribution). Nothing outside the repository is read.
public enum TOMLTestSuiteLocation {
  public static var directory: URL {
    if let override = ProcessInfo.processInfo.environment["CODEX_TOML_TEST_DIR"] {
      return URL(fileURLWithPath: override)
    }
    return RepositoryPaths.root.appendingPathComponent(
      ".build-peers/tomlkit-0.15.2/tests/toml-test")
  }

  /// The case paths of one file list (`files-toml-1.0.0`), split by kind. Throws, naming
  /// the command that fetches the suite, when it is missing.
  public static func cases(listFile: String) throws -> (valid: [String], invalid: [String]) {
    let listURL = directory.appendingPathComponent("tests/\(listFile)")
    guard let list = try? String(contentsOf: listURL, encoding: .utf8) else {
      throw Missing(
        description:
          "no toml-test list at \(listURL.path): run scripts/peers toml-test, or set CODEX_TOML_TEST_DIR"
      )
    }
    var valid: [String] = []
    var invalid: [String] = []
    for line in list.split(separator: "\n") where line.hasSuffix(".toml") {
      if line.hasPrefix("valid/") { valid.append(String(line)) }
      if line.hasPrefix("invalid/") { invalid.append(String(line)) }
    }
    return (valid, invalid)
  }

  public struct Missing: Error, CustomStringConvertible {
    public var description: String
  }
}

/// Paths inside the repository, found from this file's place in it.
public enum RepositoryPaths {
  public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
}
