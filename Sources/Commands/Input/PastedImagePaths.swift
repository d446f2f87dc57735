import Agent
import Foundation

/// Image files pasted into a prompt as paths: what a terminal types when an image is
/// dropped on it (`/home/me/shot.png`, `'/home/me/my shot.png'`, `/home/me/my\ shot.png`,
/// `file:///home/me/shot.png`). Each that names an existing image becomes an attachment.
enum PastedImagePaths {
  /// The paths of existing image files the prompt holds as absolute, `~/`, `./` or
  /// `file://` paths, in order, each once.
  static func find(in prompt: String, workingDirectory: String, home: String?) -> [String] {
    var found: [String] = []
    for word in words(of: prompt) {
      var path = word
      if path.hasPrefix("file://") {
        path = URL(string: path)?.path ?? String(path.dropFirst(7))
      } else if path.hasPrefix("~/"), let home {
        path = home + path.dropFirst(1)
      } else if path.hasPrefix("./") || path.hasPrefix("../") {
        path = URL(fileURLWithPath: workingDirectory + "/" + path).standardized.path
      }
      guard path.hasPrefix("/"), ImageAttachment.looksLikeImage(path), !found.contains(path)
      else { continue }
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
        !isDirectory.boolValue
      else { continue }
      found.append(path)
    }
    return found
  }

  /// The prompt split at white space as a shell would for quotes and backslashes, so a
  /// pasted path with spaces stays one word.
  static func words(of text: String) -> [String] {
    var words: [String] = []
    var current = ""
    var quote: Character?
    var escaped = false
    var inWord = false
    for character in text {
      if escaped {
        current.append(character)
        escaped = false
        continue
      }
      if let open = quote {
        if character == open { quote = nil } else { current.append(character) }
        continue
      }
      switch character {
      case "\\":
        escaped = true
        inWord = true
      case "'", "\"":
        quote = character
        inWord = true
      case _ where character.isWhitespace:
        if inWord { words.append(current) }
        current = ""
        inWord = false
      default:
        current.append(character)
        inWord = true
      }
    }
    if inWord { words.append(current) }
    return words
  }
}
