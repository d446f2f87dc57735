extension Session {
  /// What stands in the conversation for an image a model refused.
  static let refusedImageNote = "[an image was attached here; this model does not take images]"

  /// Whether the request that failed with `error` held images and the failure can be
  /// the provider refusing them (a client or server error, not auth or rate limits).
  /// If so, every image in the conversation is replaced by a note, `view_image` is no
  /// longer offered, and the request can be sent again without them.
  func dropImagesAfterRefusal(_ error: ModelError) -> Bool {
    guard let status = error.status, [400, 404, 415, 422, 500, 501].contains(status),
      items.contains(where: { if case .userImage = $0 { true } else { false } })
    else { return false }
    items = items.map { item in
      if case .userImage = item { return .user(Self.refusedImageNote) }
      return item
    }
    imagesRefused = true
    Self.logger.notice(
      "the provider refused a request with images; sending it again without them",
      metadata: ["status": "\(status)", "reason": "\(error.message)"])
    return true
  }
}
