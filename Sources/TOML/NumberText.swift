/// Integers and floats as TOML writes them.
enum NumberText {
  static func parse(_ token: ArraySlice<UInt8>) -> Result<TOMLValue.Kind, TextProblem> {
    let bytes = Array(token)
    let text = String(decoding: bytes, as: UTF8.self)
    switch text {
    case "inf", "+inf": return .success(.float(.infinity))
    case "-inf": return .success(.float(-.infinity))
    case "nan", "+nan", "-nan": return .success(.float(.nan))
    default: break
    }
    if bytes.count > 2, bytes[0] == UInt8(ascii: "0") {
      switch bytes[1] {
      case UInt8(ascii: "x"): return radixInteger(bytes, radix: 16, name: "hexadecimal")
      case UInt8(ascii: "o"): return radixInteger(bytes, radix: 8, name: "octal")
      case UInt8(ascii: "b"): return radixInteger(bytes, radix: 2, name: "binary")
      default: break
      }
    }
    if bytes.contains(where: {
      $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E")
    }) {
      return float(bytes)
    }
    return decimalInteger(bytes)
  }

  private static func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }

  /// Digits with single underscores between them, starting at `start`; returns the end.
  private static func digitRun(
    _ bytes: [UInt8], from start: Int, isValid: (UInt8) -> Bool
  ) -> Result<Int, TextProblem> {
    var index = start
    guard index < bytes.count, isValid(bytes[index]) else {
      return .failure(TextProblem(message: "expected a digit", offset: index))
    }
    while index < bytes.count {
      if isValid(bytes[index]) {
        index += 1
      } else if bytes[index] == UInt8(ascii: "_") {
        guard index + 1 < bytes.count, isValid(bytes[index + 1]) else {
          return .failure(
            TextProblem(message: "an underscore must stand between two digits", offset: index))
        }
        index += 1
      } else {
        break
      }
    }
    return .success(index)
  }

  private static func radixInteger(
    _ bytes: [UInt8], radix: Int, name: String
  ) -> Result<TOMLValue.Kind, TextProblem> {
    let isValid: (UInt8) -> Bool = { byte in
      switch radix {
      case 16:
        return isDigit(byte) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
          || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "F"))
      case 8: return byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "7")
      default: return byte == UInt8(ascii: "0") || byte == UInt8(ascii: "1")
      }
    }
    switch digitRun(bytes, from: 2, isValid: isValid) {
    case .failure(let problem):
      return .failure(
        TextProblem(message: "invalid \(name) integer: \(problem.message)", offset: problem.offset))
    case .success(let stop) where stop != bytes.count:
      return .failure(TextProblem(message: "invalid character in \(name) integer", offset: stop))
    case .success:
      let digits = String(decoding: bytes[2...].filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
      guard let value = Int64(digits, radix: radix) else {
        return .failure(TextProblem(message: "integer does not fit in 64 bits", offset: 0))
      }
      return .success(.integer(value))
    }
  }

  /// Sign, then `0` or a digit run without a leading zero.
  private static func decimalPart(_ bytes: [UInt8]) -> Result<Int, TextProblem> {
    var index = 0
    if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
      index += 1
    }
    switch digitRun(bytes, from: index, isValid: isDigit) {
    case .failure(let problem): return .failure(problem)
    case .success(let stop):
      if bytes[index] == UInt8(ascii: "0"), stop - index > 1 {
        return .failure(
          TextProblem(message: "leading zeros are not allowed in decimal numbers", offset: index))
      }
      return .success(stop)
    }
  }

  private static func decimalInteger(_ bytes: [UInt8]) -> Result<TOMLValue.Kind, TextProblem> {
    switch decimalPart(bytes) {
    case .failure(let problem):
      return .failure(
        TextProblem(message: "invalid number: \(problem.message)", offset: problem.offset))
    case .success(let stop) where stop != bytes.count:
      return .failure(TextProblem(message: "invalid character in number", offset: stop))
    case .success:
      let digits = String(decoding: bytes.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
      guard let value = Int64(digits) else {
        return .failure(TextProblem(message: "integer does not fit in 64 bits", offset: 0))
      }
      return .success(.integer(value))
    }
  }

  private static func float(_ bytes: [UInt8]) -> Result<TOMLValue.Kind, TextProblem> {
    var stop: Int
    switch decimalPart(bytes) {
    case .failure(let problem):
      return .failure(
        TextProblem(message: "invalid float: \(problem.message)", offset: problem.offset))
    case .success(let end): stop = end
    }
    if stop < bytes.count, bytes[stop] == UInt8(ascii: ".") {
      switch digitRun(bytes, from: stop + 1, isValid: isDigit) {
      case .failure(let problem):
        return .failure(
          TextProblem(
            message: "a decimal point must have digits on both sides", offset: problem.offset))
      case .success(let end): stop = end
      }
    }
    if stop < bytes.count, bytes[stop] == UInt8(ascii: "e") || bytes[stop] == UInt8(ascii: "E") {
      var index = stop + 1
      if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")
      {
        index += 1
      }
      switch digitRun(bytes, from: index, isValid: isDigit) {
      case .failure(let problem):
        return .failure(
          TextProblem(message: "invalid exponent: \(problem.message)", offset: problem.offset))
      case .success(let end): stop = end
      }
    }
    guard stop == bytes.count else {
      return .failure(TextProblem(message: "invalid character in float", offset: stop))
    }
    let text = String(decoding: bytes.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
    guard let value = Double(text) else {
      return .failure(TextProblem(message: "invalid float", offset: 0))
    }
    return .success(.float(value))
  }
}
