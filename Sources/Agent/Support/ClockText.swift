import Foundation

/// Times as text, from the C library: Foundation's date formatters and calendars load
/// ICU's tables (megabytes of memory) for what is a fixed numeric format here.
enum ClockText {
  /// `2026-01-02T03:04:05.678Z`: RFC 3339 in UTC with milliseconds, as Codex writes it.
  static func rfc3339(_ date: Date) -> String {
    // Whole milliseconds first: a binary fraction such as .678 is just below it.
    let total = Int64((date.timeIntervalSince1970 * 1000).rounded())
    var seconds = time_t(total.quotientAndRemainder(dividingBy: 1000).quotient)
    let milliseconds = Int32(total - Int64(seconds) * 1000)
    var parts = tm()
    gmtime_r(&seconds, &parts)
    return String(
      format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts.tm_year + 1900, parts.tm_mon + 1,
      parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec, milliseconds)
  }

  /// The date's fields in the local time zone (`TZ`, else /etc/localtime).
  static func local(_ date: Date) -> tm {
    var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
    var parts = tm()
    localtime_r(&seconds, &parts)
    return parts
  }
}
