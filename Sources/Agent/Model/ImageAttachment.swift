import Foundation

/// Turns image files into `data:` URLs for the model: the type read from the file's
/// first bytes (not its name), the size capped.
public enum ImageAttachment {
  /// The largest image sent (the Responses API takes up to 20 MB per image; a data URL
  /// grows by a third).
  public static let maximumBytes = 15 * 1024 * 1024

  /// The MIME type of image data codex can send, from its signature; nil otherwise.
  public static func mimeType(of data: some Collection<UInt8>) -> String? {
    let head = Array(data.prefix(12))
    if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
    if head.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
    if head.starts(with: Array("GIF87a".utf8)) || head.starts(with: Array("GIF89a".utf8)) {
      return "image/gif"
    }
    if head.count == 12, head.starts(with: Array("RIFF".utf8)),
      Array(head[8..<12]) == Array("WEBP".utf8)
    {
      return "image/webp"
    }
    return nil
  }

  /// Whether the name ends like an image file codex can send.
  public static func looksLikeImage(_ path: String) -> Bool {
    ["png", "jpg", "jpeg", "gif", "webp"].contains((path as NSString).pathExtension.lowercased())
  }

  /// The image at `path` as a `data:` URL; a missing file, a directory, a file that is
  /// not a png, jpeg, gif or webp image, or one too large is an error saying which.
  public static func dataURL(path: String) throws -> String {
    // Opened without blocking and checked to be a regular file first: a FIFO or a device
    // named like an image (the model chooses the path) must not hang or flood the read.
    let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else {
      switch errno {
      case ENOENT: throw ModelError("\(path): no such file")
      case EACCES: throw ModelError("\(path): cannot read the file (permission denied)")
      default:
        throw ModelError("\(path): cannot read the file (\(String(cString: strerror(errno))))")
      }
    }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else {
      throw ModelError("\(path): cannot read the file (\(String(cString: strerror(errno))))")
    }
    switch status.st_mode & S_IFMT {
    case S_IFREG: break
    case S_IFDIR: throw ModelError("\(path): is a directory, not an image")
    default: throw ModelError("\(path): is not a regular file, not an image")
    }
    guard Int(status.st_size) <= maximumBytes else {
      throw ModelError(
        "\(path): the image is larger than \(maximumBytes / 1024 / 1024) MB; make it smaller")
    }
    let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: false)
    let data = (try? handle.read(upToCount: maximumBytes + 1)) ?? Data()
    guard let type = mimeType(of: data) else {
      throw ModelError(
        "\(path): not an image codex can send (png, jpeg, gif or webp; "
          + "this file's content is none of them)")
    }
    guard data.count <= maximumBytes else {
      throw ModelError(
        "\(path): the image is larger than \(maximumBytes / 1024 / 1024) MB; make it smaller")
    }
    return "data:\(type);base64,\(data.base64EncodedString())"
  }
}
