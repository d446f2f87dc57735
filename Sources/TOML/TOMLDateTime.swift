/// A TOML date, time, or date-time, keeping exactly the parts the source wrote.
///
/// The four TOML kinds are told apart by which parts are present: offset date-time
/// (date, time, offset), local date-time (date, time), local date, local time.
public struct TOMLDateTime: Sendable, Hashable {
  /// A calendar date.
  public struct Date: Sendable, Hashable {
    /// The year (four digits in TOML).
    public var year: Int
    /// The month, 1 to 12.
    public var month: Int
    /// The day of the month, 1 to 31.
    public var day: Int
    /// A date from its parts (not checked here; the parser checks them).
    public init(year: Int, month: Int, day: Int) {
      self.year = year
      self.month = month
      self.day = day
    }
  }

  /// A time of day.
  public struct Time: Sendable, Hashable {
    /// The hour, 0 to 23.
    public var hour: Int
    /// The minute, 0 to 59.
    public var minute: Int
    /// The second, 0 to 60 (a leap second).
    public var second: Int
    /// Fractional second as the digits written, e.g. "5" for `.5`; empty when none.
    public var fraction: String
    /// A time from its parts; `fraction` holds the digits after the decimal point as
    /// written.
    public init(hour: Int, minute: Int, second: Int, fraction: String = "") {
      self.hour = hour
      self.minute = minute
      self.second = second
      self.fraction = fraction
    }
  }

  /// The four date-time types of TOML, named as toml-test names them.
  public enum Kind: String, Sendable {
    case offsetDateTime = "datetime"
    case localDateTime = "datetime-local"
    case localDate = "date-local"
    case localTime = "time-local"
  }

  /// The date, absent for a local time.
  public var date: Date?
  /// The time, absent for a local date.
  public var time: Time?
  /// Offset from UTC in minutes; `nil` for local values. `Z` is stored as 0.
  public var offsetMinutes: Int?

  /// A date-time from its parts; which are present decides its kind.
  public init(date: Date?, time: Time?, offsetMinutes: Int?) {
    self.date = date
    self.time = time
    self.offsetMinutes = offsetMinutes
  }

  /// Which of the four types this is.
  public var kind: Kind {
    switch (date, time, offsetMinutes) {
    case (.some, .some, .some): return .offsetDateTime
    case (.some, .some, .none): return .localDateTime
    case (.some, .none, _): return .localDate
    default: return .localTime
    }
  }
}

extension TOMLDateTime: CustomStringConvertible {
  /// RFC 3339 text (with `T` and `Z`), the form the TOML encoder writes.
  public var description: String {
    var text = ""
    if let date {
      text += pad(date.year, 4) + "-" + pad(date.month, 2) + "-" + pad(date.day, 2)
    }
    if let time {
      if date != nil { text += "T" }
      text += pad(time.hour, 2) + ":" + pad(time.minute, 2) + ":" + pad(time.second, 2)
      if !time.fraction.isEmpty { text += "." + time.fraction }
    }
    if let offsetMinutes {
      if offsetMinutes == 0 {
        text += "Z"
      } else {
        let sign = offsetMinutes < 0 ? "-" : "+"
        let magnitude = abs(offsetMinutes)
        text += sign + pad(magnitude / 60, 2) + ":" + pad(magnitude % 60, 2)
      }
    }
    return text
  }

  private func pad(_ number: Int, _ width: Int) -> String {
    let digits = String(number)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }
}
