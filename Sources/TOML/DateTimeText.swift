/// Dates, times and date-times as TOML writes them (RFC 3339 with TOML's relaxations:
/// a space may separate date and time, the offset may be missing, and in TOML 1.1
/// the seconds may be missing).
enum DateTimeText {
  /// `DDDD-DD-DD` exactly.
  static func looksLikeDate(_ token: ArraySlice<UInt8>) -> Bool {
    guard token.count >= 10 else { return false }
    for offset in 0..<10 {
      let byte = token[token.startIndex + offset]
      if offset == 4 || offset == 7 {
        if byte != UInt8(ascii: "-") { return false }
      } else if !isDigit(byte) {
        return false
      }
    }
    return true
  }

  /// Whether a token should be read as a date-time rather than a number: it has a
  /// colon (a time), or starts with four digits and a dash (a date).
  static func looksLikeDateTime(_ token: ArraySlice<UInt8>) -> Bool {
    if token.contains(UInt8(ascii: ":")) { return true }
    let start = token.startIndex
    return token.count >= 5 && token[start..<start + 4].allSatisfy(isDigit)
      && token[start + 4] == UInt8(ascii: "-")
  }

  static func parse(_ token: ArraySlice<UInt8>, secondsOptional: Bool) -> Result<
    TOMLDateTime, TextProblem
  > {
    token.withUnsafeBufferPointer { parse(Cursor(bytes: $0), secondsOptional: secondsOptional) }
  }

  private static func parse(_ start: Cursor, secondsOptional: Bool) -> Result<
    TOMLDateTime, TextProblem
  > {
    var cursor = start
    do {
      var date: TOMLDateTime.Date?
      if cursor.bytes.count > 2, cursor.bytes[2] != UInt8(ascii: ":") {
        date = try readDate(&cursor)
        guard !cursor.atEnd else {
          return .success(TOMLDateTime(date: date, time: nil, offsetMinutes: nil))
        }
        let separator = cursor.bytes[cursor.index]
        guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == 0x20
        else {
          throw TextProblem(
            message: "expected `T` or a space between date and time", offset: cursor.index)
        }
        cursor.index += 1
      }
      let time = try readTime(&cursor, secondsOptional: secondsOptional)
      var offset: Int?
      if !cursor.atEnd {
        guard date != nil else {
          throw TextProblem(message: "a local time cannot have an offset", offset: cursor.index)
        }
        offset = try readOffset(&cursor)
      }
      guard cursor.atEnd else {
        throw TextProblem(message: "unexpected text after the date-time", offset: cursor.index)
      }
      return .success(TOMLDateTime(date: date, time: time, offsetMinutes: offset))
    } catch let problem as TextProblem {
      return .failure(problem)
    } catch {
      return .failure(TextProblem(message: "invalid date-time", offset: 0))
    }
  }

  private struct Cursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    var atEnd: Bool { index >= bytes.count }

    mutating func number(digits: Int, what: String) throws -> Int {
      var value = 0
      for _ in 0..<digits {
        guard index < bytes.count, isDigit(bytes[index]) else {
          throw TextProblem(message: "\(what) needs exactly \(digits) digits", offset: index)
        }
        value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
        index += 1
      }
      return value
    }

    mutating func expect(_ byte: UInt8, after what: String) throws {
      guard index < bytes.count, bytes[index] == byte else {
        throw TextProblem(
          message: "expected `\(Character(UnicodeScalar(byte)))` after the \(what)", offset: index)
      }
      index += 1
    }
  }

  private static func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }

  private static func readDate(_ cursor: inout Cursor) throws -> TOMLDateTime.Date {
    let start = cursor.index
    let year = try cursor.number(digits: 4, what: "the year")
    try cursor.expect(UInt8(ascii: "-"), after: "year")
    let month = try cursor.number(digits: 2, what: "the month")
    try cursor.expect(UInt8(ascii: "-"), after: "month")
    let day = try cursor.number(digits: 2, what: "the day")
    guard (1...12).contains(month) else {
      throw TextProblem(message: "month \(month) is not between 01 and 12", offset: start + 5)
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    let days: Int
    switch month {
    case 2: days = leap ? 29 : 28
    case 4, 6, 9, 11: days = 30
    default: days = 31
    }
    guard (1...days).contains(day) else {
      throw TextProblem(
        message: "day \(day) does not exist in month \(month) of \(year)", offset: start + 8)
    }
    return TOMLDateTime.Date(year: year, month: month, day: day)
  }

  private static func readTime(_ cursor: inout Cursor, secondsOptional: Bool) throws
    -> TOMLDateTime.Time
  {
    let start = cursor.index
    let hour = try cursor.number(digits: 2, what: "the hour")
    try cursor.expect(UInt8(ascii: ":"), after: "hour")
    let minute = try cursor.number(digits: 2, what: "the minute")
    var second = 0
    var fraction = ""
    if !cursor.atEnd, cursor.bytes[cursor.index] == UInt8(ascii: ":") {
      cursor.index += 1
      second = try cursor.number(digits: 2, what: "the second")
      if !cursor.atEnd, cursor.bytes[cursor.index] == UInt8(ascii: ".") {
        cursor.index += 1
        let digitsStart = cursor.index
        while !cursor.atEnd, isDigit(cursor.bytes[cursor.index]) { cursor.index += 1 }
        guard cursor.index > digitsStart else {
          throw TextProblem(
            message: "expected digits after the decimal point of the seconds", offset: cursor.index)
        }
        fraction = String(decoding: cursor.bytes[digitsStart..<cursor.index], as: UTF8.self)
      }
    } else if !secondsOptional {
      throw TextProblem(
        message: "a time needs seconds in TOML 1.0 (HH:MM:SS)", offset: cursor.index)
    }
    guard hour <= 23 else {
      throw TextProblem(message: "hour \(hour) is not between 00 and 23", offset: start)
    }
    guard minute <= 59 else {
      throw TextProblem(message: "minute \(minute) is not between 00 and 59", offset: start + 3)
    }
    guard second <= 60 else {
      throw TextProblem(message: "second \(second) is not between 00 and 60", offset: start + 6)
    }
    return TOMLDateTime.Time(hour: hour, minute: minute, second: second, fraction: fraction)
  }

  private static func readOffset(_ cursor: inout Cursor) throws -> Int {
    let sign = cursor.bytes[cursor.index]
    if sign == UInt8(ascii: "Z") || sign == UInt8(ascii: "z") {
      cursor.index += 1
      return 0
    }
    guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else {
      throw TextProblem(
        message: "expected an offset (`Z`, `+HH:MM` or `-HH:MM`)", offset: cursor.index)
    }
    let start = cursor.index
    cursor.index += 1
    let hours = try cursor.number(digits: 2, what: "the offset hour")
    try cursor.expect(UInt8(ascii: ":"), after: "offset hour")
    let minutes = try cursor.number(digits: 2, what: "the offset minute")
    guard hours <= 23, minutes <= 59 else {
      throw TextProblem(message: "offset \(hours):\(minutes) is out of range", offset: start)
    }
    let total = hours * 60 + minutes
    return sign == UInt8(ascii: "-") ? -total : total
  }
}
