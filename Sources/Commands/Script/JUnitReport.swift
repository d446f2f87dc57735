import Foundation

/// A JUnit XML report of a script run: one test case per step, named by its place and
/// text, with its time and, when it failed, why. CI systems show these natively.
public enum JUnitReport {
  /// A JUnit XML report: one test suite named `suite`, one test case per step, failures
  /// with their messages.
  public static func xml(suite: String, results: [ScriptRunner.StepResult]) -> String {
    let failures = results.filter { $0.status.isFailure }.count
    let skipped = results.filter { $0.status == .skipped }.count
    let total = results.reduce(0.0) { $0 + seconds($1.duration) }
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out +=
      "<testsuites><testsuite name=\"\(escape(suite))\" tests=\"\(results.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"\(skipped)\" time=\"\(format(total))\">\n"
    for result in results {
      let step = result.step
      let name = "\(step.location.file):\(step.location.line) \(step.text)"
      out +=
        "  <testcase classname=\"\(escape(step.location.file))\" name=\"\(escape(name))\" time=\"\(format(seconds(result.duration)))\""
      if case .failed(let message) = result.status {
        out +=
          ">\n    <failure message=\"\(escape(message))\">\(escape(message))</failure>\n  </testcase>\n"
      } else if result.status == .skipped {
        out +=
          ">\n    <skipped message=\"not run: the script stopped before this step\"/>\n  </testcase>\n"
      } else {
        out += "/>\n"
      }
    }
    return out + "</testsuite></testsuites>\n"
  }

  static func seconds(_ duration: Duration) -> Double {
    duration.inSeconds
  }

  static func format(_ seconds: Double) -> String { String(format: "%.3f", seconds) }

  /// XML text and attribute escaping; control characters XML cannot hold are dropped.
  public static func escape(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "\n": out += "&#10;"
      case "\t", "\r": out.unicodeScalars.append(scalar)
      default:
        if scalar.value >= 0x20 { out.unicodeScalars.append(scalar) }
      }
    }
    return out
  }
}
