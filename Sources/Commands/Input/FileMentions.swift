import Agent
import Foundation

/// `@path` mentions in a prompt: each names a file relative to the working directory,
/// and the file goes with the prompt (text inline, images as attachments), so the model
/// does not spend a tool call reading it.
public struct FileMentions: Sendable, Equatable {
  /// The prompt followed by the text of each mentioned text file.
  public var text: String
  /// Data URLs of mentioned images.
  public var images: [String]
  /// The paths attached, as written.
  public var attached: [String]

  /// Text beyond this many bytes of one file is left out (and the model told so).
  public static let maximumFileBytes = 256 * 1024

  static let imageExtensions: Set<String> = ["png", "jpg", "jpeg", "gif", "webp"]

  /// Attaches the files `prompt` mentions, and images pasted into it as paths (see
  /// `PastedImagePaths`). Mentions of paths that are not regular files stay as text only.
  public static func expand(
    _ prompt: String, workingDirectory: String,
    home: String? = ProcessInfo.processInfo.environment["HOME"]
  ) -> FileMentions {
    var result = FileMentions(text: prompt, images: [], attached: [])
    var blocks: [String] = []
    for mention in mentions(in: prompt) where !result.attached.contains(mention) {
      let path = mention.hasPrefix("/") ? mention : workingDirectory + "/" + mention
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
        !isDirectory.boolValue
      else { continue }
      let ext = (mention as NSString).pathExtension.lowercased()
      if imageExtensions.contains(ext) {
        guard let url = try? ImageAttachment.dataURL(path: path) else { continue }
        result.images.append(url)
      } else {
        guard let handle = FileHandle(forReadingAtPath: path) else { continue }
        let data = (try? handle.read(upToCount: maximumFileBytes + 1)) ?? Data()
        try? handle.close()
        let truncated = data.count > maximumFileBytes
        var body = String(decoding: data.prefix(maximumFileBytes), as: UTF8.self)
        if truncated { body += "\n[file truncated after \(maximumFileBytes) bytes]" }
        blocks.append(
          "<file path=\"\(mention)\">\n\(body)\(body.hasSuffix("\n") ? "" : "\n")</file>")
      }
      result.attached.append(mention)
    }
    if !blocks.isEmpty { result.text += "\n\n" + blocks.joined(separator: "\n") }
    for path in PastedImagePaths.find(in: prompt, workingDirectory: workingDirectory, home: home)
    where !result.attached.contains(where: { path.hasSuffix("/" + $0) || path == $0 }) {
      guard let url = try? ImageAttachment.dataURL(path: path) else { continue }
      result.images.append(url)
      result.attached.append(path)
    }
    return result
  }

  /// The paths after `@` at the start of the prompt or after white space, without
  /// trailing sentence punctuation.
  static func mentions(in prompt: String) -> [String] {
    var found: [String] = []
    var previous: Character = " "
    var index = prompt.startIndex
    while index < prompt.endIndex {
      let character = prompt[index]
      if character == "@" && previous.isWhitespace {
        let start = prompt.index(after: index)
        let end = prompt[start...].firstIndex { $0.isWhitespace } ?? prompt.endIndex
        var word = prompt[start..<end]
        while let last = word.last, ".,;:!?)\"'".contains(last) { word = word.dropLast() }
        if !word.isEmpty { found.append(String(word)) }
        index = end
        previous = " "
        continue
      }
      previous = character
      index = prompt.index(after: index)
    }
    return found
  }
}
