/// Keeps a tool's output within `tool_output_token_limit`: its head and tail, with a
/// line saying how much was left out between them.
enum ToolOutputLimit {
  /// About four bytes of text per token, as OpenAI's tokenizers average on code and logs.
  static let bytesPerToken = 4

  /// `output` unchanged when within `tokens` (or no limit), else cut in the middle.
  static func cut(_ output: String, tokens: Int?) -> String {
    guard let tokens, tokens >= 0 else { return output }
    let budget = tokens * bytesPerToken
    let bytes = Array(output.utf8)
    guard bytes.count > budget else { return output }
    let head = budget / 2
    let tail = budget - head
    let omitted = bytes.count - head - tail
    // Cut on character boundaries: a partial UTF-8 sequence decodes as U+FFFD at worst.
    return String(decoding: bytes[..<head], as: UTF8.self)
      + "\n[… \(omitted) bytes of output omitted (tool_output_token_limit = \(tokens)) …]\n"
      + String(decoding: bytes[(bytes.count - tail)...], as: UTF8.self)
  }
}
