import Foundation
import TestSupport

/// Reads the official toml-test cases (see `TOMLTestSuiteLocation` for where they are).
enum TOMLTestSuite {
  static func cases(listFile: String) throws -> (valid: [String], invalid: [String]) {
    try TOMLTestSuiteLocation.cases(listFile: listFile)
  }

  static func data(_ relativePath: String) throws -> Data {
    try Data(
      contentsOf: TOMLTestSuiteLocation.directory.appendingPathComponent("tests/\(relativePath)"))
  }
}
