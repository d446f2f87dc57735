import Foundation
import Testing

@testable import Agent

/// Image files as data URLs: the type from the content, clear errors otherwise.
struct ImageAttachmentTests {
  @Test func theTypeComesFromTheSignature() {
    #expect(ImageAttachment.mimeType(of: Array("GIF89a....".utf8)) == "image/gif")
    #expect(
      ImageAttachment.mimeType(of: Array("RIFF\u{0}\u{0}\u{0}\u{0}WEBPVP8 ".utf8)) == "image/webp")
    #expect(ImageAttachment.mimeType(of: [0xFF, 0xD8, 0xFF, 0xDB]) == "image/jpeg")
    #expect(ImageAttachment.mimeType(of: Array("RIFF\u{0}\u{0}\u{0}\u{0}WAVE".utf8)) == nil)
    #expect(ImageAttachment.mimeType(of: Array("%PDF-1.7".utf8)) == nil)
    #expect(ImageAttachment.mimeType(of: [UInt8]()) == nil)
  }

  @Test func problemsSayWhatIsWrong() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "images-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    func message(_ path: String) -> String {
      do {
        _ = try ImageAttachment.dataURL(path: path)
        return "no error"
      } catch {
        return (error as? ModelError)?.message ?? "\(error)"
      }
    }
    #expect(message(directory + "/gone.png").hasSuffix("gone.png: no such file"))
    #expect(message(directory).hasSuffix(": is a directory, not an image"))
    var big = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    big.append(Data(count: ImageAttachment.maximumBytes))
    try big.write(to: URL(fileURLWithPath: directory + "/big.png"))
    #expect(message(directory + "/big.png").contains("larger than 15 MB"))
    // A FIFO named like an image (the model picks the path) is refused, never read.
    #expect(mkfifo(directory + "/pipe.png", 0o600) == 0)
    #expect(
      message(directory + "/pipe.png").hasSuffix("pipe.png: is not a regular file, not an image"))
    #expect(message("/dev/zero").hasSuffix("is not a regular file, not an image"))
    try Data().write(to: URL(fileURLWithPath: directory + "/empty.png"))
    #expect(message(directory + "/empty.png").contains("not an image codex can send"))
  }
}
