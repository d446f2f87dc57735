import Foundation

/// Turns image files into `data:` URLs for the model.
public enum ImageAttachment {
  static let types = [
    "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif",
    "webp": "image/webp",
  ]

  /// The image at `path` as a `data:` URL; a missing file or one that is not an image is
  /// an error saying which.
  public static func dataURL(path: String) throws -> String {
    let ext = (path as NSString).pathExtension.lowercased()
    guard let type = types[ext] else {
      throw ModelError("\(path): not an image codex can send (use png, jpeg, gif or webp)")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ModelError("\(path): cannot read the image")
    }
    return "data:\(type);base64,\(data.base64EncodedString())"
  }
}
