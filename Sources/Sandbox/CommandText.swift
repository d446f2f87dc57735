/// A command's words as a person would type them in a shell: words with spaces or
/// shell characters in single quotes, so `bash -lc 'echo hi > f'` reads unambiguously.
public enum CommandText {
  /// The command as a shell line, quoting only the words a shell would split or expand.
  public static func join(_ words: [String]) -> String {
    words.map(quote).joined(separator: " ")
  }

  static func quote(_ word: String) -> String {
    let plain = word.unicodeScalars.allSatisfy {
      ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
        || "-_./=:,+@%".unicodeScalars.contains($0)
    }
    if plain && !word.isEmpty { return word }
    return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}
