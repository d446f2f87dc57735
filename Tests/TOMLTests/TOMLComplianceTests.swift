import Foundation
import TOML
import Testing

/// Every case of the official toml-test lists, each with the version it belongs to.
@Suite(.timeLimit(.minutes(10))) struct TOMLComplianceTests {
  @Test(arguments: [("files-toml-1.0.0", TOMLVersion.v1_0), ("files-toml-1.1.0", TOMLVersion.v1_1)])
  func suite(listFile: String, version: TOMLVersion) throws {
    let cases = try TOMLTestSuite.cases(listFile: listFile)
    let parser = TOMLParser(version: version)
    var failures: [String] = []

    var validPassed = 0
    for path in cases.valid {
      let toml = try TOMLTestSuite.data(path)
      let expectedData = try TOMLTestSuite.data(String(path.dropLast(5)) + ".json")
      let expected = try JSONSerialization.jsonObject(
        with: expectedData, options: [.fragmentsAllowed])
      do {
        let table = try parser.parse(bytes: Array(toml))
        if let problem = TaggedComparison.difference(.table(table), expected) {
          failures.append("\(path): \(problem)")
        } else {
          validPassed += 1
        }
      } catch {
        failures.append("\(path): rejected: \(error)")
      }
    }

    var invalidPassed = 0
    for path in cases.invalid {
      let toml = try TOMLTestSuite.data(path)
      do {
        _ = try parser.parse(bytes: Array(toml))
        failures.append("\(path): accepted")
      } catch is TOMLError {
        invalidPassed += 1
      } catch {
        failures.append("\(path): threw something other than TOMLError: \(error)")
      }
    }

    print(
      "toml-test \(listFile): valid \(validPassed)/\(cases.valid.count), invalid \(invalidPassed)/\(cases.invalid.count)"
    )
    #expect(failures.isEmpty, "\(failures.count) failures:\n\(failures.joined(separator: "\n"))")
    // A floor both published lists clear, so a list read wrongly (empty, truncated) fails.
    #expect(cases.valid.count > 150 && cases.invalid.count > 400)
  }
}
