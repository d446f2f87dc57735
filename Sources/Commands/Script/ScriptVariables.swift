/// What `$...` means in a script: `$1`..`$9` and `$ARGUMENTS` are the script's
/// arguments, `${NAME}` an environment variable (`${NAME:-default}` with a default),
/// `\$` a literal dollar; any other `$` is left as it is.
public struct ScriptVariables: Sendable {
  /// The script's arguments.
  public var arguments: [String]
  /// The variables `${NAME}` reads.
  public var environment: [String: String]

  /// Variables for a script run with `arguments` in `environment`.
  public init(arguments: [String], environment: [String: String]) {
    self.arguments = arguments
    self.environment = environment
  }

  /// The text with variables replaced, or the message and 1-based column of the first
  /// unbound one.
  public func substitute(_ text: String) -> Result<String, ScriptVariableError> {
    var out = ""
    let characters = Array(text)
    var index = 0
    while index < characters.count {
      let character = characters[index]
      if character == "\\" && index + 1 < characters.count && characters[index + 1] == "$" {
        out.append("$")
        index += 2
        continue
      }
      guard character == "$", index + 1 < characters.count else {
        out.append(character)
        index += 1
        continue
      }
      let next = characters[index + 1]
      if let digit = next.wholeNumberValue, next.isASCII, digit >= 1 {
        guard digit <= arguments.count else {
          return .failure(
            ScriptVariableError(
              message:
                "$\(digit) is not bound: the script got \(arguments.count) argument\(arguments.count == 1 ? "" : "s")",
              column: index + 1))
        }
        out += arguments[digit - 1]
        index += 2
      } else if String(characters[(index + 1)...].prefix(9)) == "ARGUMENTS" {
        out += arguments.joined(separator: " ")
        index += 10
      } else if next == "{", let close = characters[(index + 2)...].firstIndex(of: "}") {
        let body = String(characters[(index + 2)..<close])
        let parts = body.components(separatedBy: ":-")
        let name = parts[0]
        let isName =
          !name.isEmpty
          && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
        guard isName else {
          out.append(character)
          index += 1
          continue
        }
        if let value = environment[name] {
          out += value
        } else if parts.count > 1 {
          out += parts.dropFirst().joined(separator: ":-")
        } else {
          return .failure(
            ScriptVariableError(
              message: "${\(name)} is not set; set it or give a default: ${\(name):-value}",
              column: index + 1))
        }
        index = close + 1
      } else {
        out.append(character)
        index += 1
      }
    }
    return .success(out)
  }
}

/// A variable with no value.
public struct ScriptVariableError: Error, Sendable, Equatable {
  /// Which variable, and why it has no value.
  public var message: String
  /// Where it is in the line, 1-based.
  public var column: Int

  /// An error at `column`.
  public init(message: String, column: Int) {
    self.message = message
    self.column = column
  }
}
