import Foundation

/// Locates and reads the official toml-test cases shipped beside the project.
enum TOMLTestSuite {
  /// `CODEX_TOML_TEST_DIR`, else `../shared/toml-test` next to the project root.
  static var directory: URL {
    if let override = ProcessInfo.processInfo.environment["CODEX_TOML_TEST_DIR"] {
      return URL(fileURLWithPath: override)
    }
    return URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("shared/toml-test")
  }

  static func cases(listFile: String) throws -> (valid: [String], invalid: [String]) {
    let list = try String(
      contentsOf: directory.appendingPathComponent("tests/\(listFile)"), encoding: .utf8)
    var valid: [String] = []
    var invalid: [String] = []
    for line in list.split(separator: "\n") where line.hasSuffix(".toml") {
      if line.hasPrefix("valid/") { valid.append(String(line)) }
      if line.hasPrefix("invalid/") { invalid.append(String(line)) }
    }
    return (valid, invalid)
  }

  static func data(_ relativePath: String) throws -> Data {
    try Data(contentsOf: directory.appendingPathComponent("tests/\(relativePath)"))
  }
}
