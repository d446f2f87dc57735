/// Separates a `<think>…</think>` block at the start of a model's text (DeepSeek-R1,
/// Qwen and other reasoning models served by llama.cpp, Ollama or vLLM) from the answer,
/// as the text streams in: the block is reasoning, never part of the answer.
///
/// Tags split across chunks are held back until they can be told apart from text.
struct ThinkSplitter: Sendable {
  /// A piece of streamed text, sorted.
  enum Piece: Equatable, Sendable {
    case reasoning(String)
    case answer(String)
  }

  private enum State {
    /// Before the first non-blank text: it may open a think block.
    case start
    case thinking
    /// Just after the block: blank lines before the answer are dropped.
    case afterThinking
    case answer
  }

  private static let open = "<think>"
  private static let close = "</think>"
  private var state = State.start
  private var held = ""

  /// The pieces `text` completes, in order.
  mutating func feed(_ text: String) -> [Piece] {
    var pieces: [Piece] = []
    var input = text
    while !input.isEmpty {
      switch state {
      case .start:
        held += input
        input = ""
        let trimmed = held.drop(while: \.isWhitespace)
        if trimmed.hasPrefix(Self.open) {
          state = .thinking
          input = String(trimmed.dropFirst(Self.open.count))
          held = ""
        } else if trimmed.isEmpty || Self.open.hasPrefix(trimmed) {
          return pieces
        } else {
          state = .answer
          pieces.append(.answer(held))
          held = ""
        }
      case .thinking:
        held += input
        input = ""
        if let end = held.range(of: Self.close) {
          let reasoning = String(held[..<end.lowerBound])
          if !reasoning.isEmpty { pieces.append(.reasoning(reasoning)) }
          input = String(held[end.upperBound...])
          held = ""
          state = .afterThinking
        } else {
          // Keep back an ending that may be the start of the closing tag.
          let keep = Self.partialTagLength(at: held)
          let shown = String(held.dropLast(keep))
          held = String(held.suffix(keep))
          if !shown.isEmpty { pieces.append(.reasoning(shown)) }
        }
      case .afterThinking:
        let rest = input.drop(while: \.isWhitespace)
        input = ""
        if !rest.isEmpty {
          state = .answer
          pieces.append(.answer(String(rest)))
        }
      case .answer:
        pieces.append(.answer(input))
        input = ""
      }
    }
    return pieces
  }

  /// What is still held back when the text ends: an unclosed block is reasoning; a
  /// start that only looked like a tag is answer.
  mutating func finish() -> [Piece] {
    defer { held = "" }
    guard !held.isEmpty else { return [] }
    switch state {
    case .thinking: return [.reasoning(held)]
    case .start:
      return held.allSatisfy(\.isWhitespace) ? [] : [.answer(held)]
    case .afterThinking, .answer: return [.answer(held)]
    }
  }

  /// A whole text split at once: the reasoning (empty when there is no block) and the
  /// answer.
  static func split(_ text: String) -> (reasoning: String, answer: String) {
    var splitter = ThinkSplitter()
    var reasoning = ""
    var answer = ""
    for piece in splitter.feed(text) + splitter.finish() {
      switch piece {
      case .reasoning(let text): reasoning += text
      case .answer(let text): answer += text
      }
    }
    return (reasoning, answer)
  }

  /// The length of the longest ending of `text` that begins the closing tag.
  private static func partialTagLength(at text: String) -> Int {
    for length in stride(from: min(close.count - 1, text.count), through: 1, by: -1)
    where close.hasPrefix(text.suffix(length)) {
      return length
    }
    return 0
  }
}
