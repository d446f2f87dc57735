/// Integers and floats as TOML writes them.
enum NumberText {
  static func parse(_ token: ArraySlice<UInt8>) -> Result<TOMLValue.Kind, TextProblem> {
    token.withUnsafeBufferPointer { parse(buffer: $0) }
  }

  /// Works on the token's bytes in place: a document has many numbers, and none of them
  /// is copied or turned into a `String` unless it is a float longer than a small string.
  private static func parse(buffer bytes: UnsafeBufferPointer<UInt8>) -> Result<
    TOMLValue.Kind, TextProblem
  > {
    if let special = specialFloat(bytes) { return .success(.float(special)) }
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

  /// `inf` and `nan`, with an optional sign.
  private static func specialFloat(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    guard let last = bytes.last, last == UInt8(ascii: "f") || last == UInt8(ascii: "n") else {
      return nil
    }
    switch String(decoding: bytes, as: UTF8.self) {
    case "inf", "+inf": return .infinity
    case "-inf": return -.infinity
    case "nan", "+nan", "-nan": return .nan
    default: return nil
    }
  }

  private static func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }

  /// Digits with single underscores between them, starting at `start`; returns the end.
  private static func digitRun(
    _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, isValid: (UInt8) -> Bool
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
    _ bytes: UnsafeBufferPointer<UInt8>, radix: Int, name: String
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
      var value: Int64 = 0
      for byte in bytes[2...] where byte != UInt8(ascii: "_") {
        let (shifted, overflow) = value.multipliedReportingOverflow(by: Int64(radix))
        let (sum, carry) = shifted.addingReportingOverflow(Int64(digitValue(byte)))
        guard !overflow, !carry else {
          return .failure(TextProblem(message: "integer does not fit in 64 bits", offset: 0))
        }
        value = sum
      }
      return .success(.integer(value))
    }
  }

  private static func digitValue(_ byte: UInt8) -> UInt8 {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
    default: return byte - UInt8(ascii: "0")
    }
  }

  /// Sign, then `0` or a digit run without a leading zero.
  private static func decimalPart(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Int, TextProblem> {
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

  private static func decimalInteger(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<
    TOMLValue.Kind, TextProblem
  > {
    switch decimalPart(bytes) {
    case .failure(let problem):
      return .failure(
        TextProblem(message: "invalid number: \(problem.message)", offset: problem.offset))
    case .success(let stop) where stop != bytes.count:
      return .failure(TextProblem(message: "invalid character in number", offset: stop))
    case .success:
      // Accumulated as a negative number, so that -9223372036854775808 fits.
      let negative = bytes[0] == UInt8(ascii: "-")
      var value: Int64 = 0
      for byte in bytes where byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
        let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
        let (sum, carry) = shifted.subtractingReportingOverflow(Int64(byte - UInt8(ascii: "0")))
        guard !overflow, !carry else {
          return .failure(TextProblem(message: "integer does not fit in 64 bits", offset: 0))
        }
        value = sum
      }
      if !negative {
        guard value != .min else {
          return .failure(TextProblem(message: "integer does not fit in 64 bits", offset: 0))
        }
        value = -value
      }
      return .success(.integer(value))
    }
  }

  private static func float(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<
    TOMLValue.Kind, TextProblem
  > {
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
    let text =
      bytes.contains(UInt8(ascii: "_"))
      ? String(decoding: bytes.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
      : String(decoding: bytes, as: UTF8.self)
    guard let value = Double(text) else {
      return .failure(TextProblem(message: "invalid float", offset: 0))
    }
    return .success(.float(value))
  }
}
