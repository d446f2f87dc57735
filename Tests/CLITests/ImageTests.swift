import Foundation
import TestSupport
import Testing

/// Images the model sees: `view_image` calls, `-i` on the interactive session, image
/// paths pasted into a prompt, and providers that take no images.
@Suite(.timeLimit(.minutes(10))) struct ImageTests {
  /// A 1×1 PNG.
  static let png = Data(
    base64Encoded:
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="
  )!
  /// The start of a JPEG (what the type is read from).
  static let jpeg = Data([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]) + Data("JFIF".utf8) + Data(count: 32)

  static let viewCalls = """
    [{"events": [{"function_call": {"name": "view_image", "call_id": "v1", "arguments": {"path": "shot.png"}}},
                 {"function_call": {"name": "view_image", "call_id": "v2", "arguments": {"path": "photo.jpg"}}},
                 {"function_call": {"name": "view_image", "call_id": "v3", "arguments": {"path": "notes.png"}}}]},
     {"events": [{"text": "I looked."}]}]
    """

  static func workspace() throws -> String {
    let path = try TestDirectory.make("codex-images")
    try png.write(to: URL(fileURLWithPath: path + "/shot.png"))
    try jpeg.write(to: URL(fileURLWithPath: path + "/photo.jpg"))
    try "not an image\n".write(toFile: path + "/notes.png", atomically: true, encoding: .utf8)
    try png.write(to: URL(fileURLWithPath: path + "/my shot.png"))
    return path
  }

  static func home(_ server: ScriptedModelServer, wire: String) throws -> String {
    try CodexProcess.makeHome(server: server, wire: wire)
  }

  static func json(_ request: [String: Any]) throws -> String {
    let body = try #require(request["body"] as? [String: Any])
    return String(
      decoding: try JSONSerialization.data(
        withJSONObject: body, options: [.sortedKeys, .withoutEscapingSlashes]),
      as: UTF8.self)
  }

  @Test func viewImageOnTheResponsesWireSendsInputImagesAfterTheOutputs() throws {
    let directory = try Self.workspace()
    let server = try ScriptedModelServer(responses: Self.viewCalls)
    defer { server.stop() }
    let result = try CodexProcess.run(
      ["exec", "--skip-git-repo-check", "look at the pictures"],
      environment: ["CODEX_HOME": try Self.home(server, wire: "responses")],
      directory: directory)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "I looked.\n")
    #expect(result.stderr.contains("viewed image"), "\(result.stderr)")
    let requests = server.requests()
    #expect(requests.count == 2)
    let first = try #require(requests[0]["body"] as? [String: Any])
    let tools = (first["tools"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
    #expect(tools.contains("view_image"))
    let body = try #require(requests[1]["body"] as? [String: Any])
    let input = try #require(body["input"] as? [[String: Any]])
    let kinds = input.suffix(5).map { item -> String in
      if let content = item["content"] as? [[String: Any]] {
        return content.compactMap { $0["type"] as? String }.joined(separator: ",")
      }
      return item["type"] as? String ?? "?"
    }
    #expect(
      kinds == [
        "function_call_output", "function_call_output", "function_call_output", "input_image",
        "input_image",
      ], "\(kinds)")
    let text = try Self.json(requests[1])
    #expect(text.contains("data:image/png;base64,iVBORw0KGgo"))
    #expect(text.contains("data:image/jpeg;base64,/9j/"))
    #expect(text.contains("notes.png: not an image codex can send"), "\(text)")
  }

  @Test func viewImageOnTheChatWireSendsAnImageURLPart() throws {
    let directory = try Self.workspace()
    let server = try ScriptedModelServer(responses: Self.viewCalls)
    defer { server.stop() }
    let result = try CodexProcess.run(
      ["exec", "--skip-git-repo-check", "look"],
      environment: ["CODEX_HOME": try Self.home(server, wire: "chat")], directory: directory)
    #expect(result.status == 0, "\(result.stderr)")
    let body = try #require(server.requests().last?["body"] as? [String: Any])
    let messages = try #require(body["messages"] as? [[String: Any]])
    let roles = messages.suffix(5).compactMap { $0["role"] as? String }
    #expect(roles == ["tool", "tool", "tool", "user", "user"], "\(roles)")
    let last = try #require(messages.last?["content"] as? [[String: Any]])
    #expect(last.first?["type"] as? String == "image_url")
    let url = (last.first?["image_url"] as? [String: Any])?["url"] as? String ?? ""
    #expect(url.hasPrefix("data:image/jpeg;base64,"))
  }

  @Test func aProviderWithoutVisionIsToldOnceAndTheTurnGoesOn() throws {
    let directory = try Self.workspace()
    let server = try ScriptedModelServer(responses: Self.viewCalls, vision: false)
    defer { server.stop() }
    let result = try CodexProcess.run(
      ["exec", "--skip-git-repo-check", "look"],
      environment: ["CODEX_HOME": try Self.home(server, wire: "chat")], directory: directory)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "I looked.\n")
    let notice = "this model does not take images"
    #expect(result.stderr.components(separatedBy: notice).count == 2, "\(result.stderr)")
    let requests = server.requests()
    #expect(requests.count == 3)
    let retried = try Self.json(requests[2])
    #expect(!retried.contains("image_url") && !retried.contains("data:image"))
    #expect(retried.contains("this model does not take images"))
  }

  @Test func imagesGivenWithDashIAndPastedPathsGoWithThePrompt() throws {
    let directory = try Self.workspace()
    let server = try ScriptedModelServer(
      responses: #"[{"events": [{"text": "One."}]}, {"events": [{"text": "Two."}]}]"#)
    defer { server.stop() }
    let pasted = "what is in '\(directory)/my shot.png' here?\n"
    let result = try CodexProcess.run(
      ["-i", "photo.jpg"], stdin: Data(("describe it\n" + pasted).utf8),
      environment: ["CODEX_HOME": try Self.home(server, wire: "responses")],
      directory: directory)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("One.") && result.stdout.contains("Two."))
    let requests = server.requests()
    #expect(requests.count == 2)
    let first = try Self.json(requests[0])
    #expect(first.contains("data:image/jpeg;base64,"))
    let second = try #require(requests[1]["body"] as? [String: Any])
    let input = try #require(second["input"] as? [[String: Any]])
    // The first prompt's image stays in the conversation; the pasted one comes with the
    // second prompt, whose text is kept as typed.
    let images = input.filter {
      ($0["content"] as? [[String: Any]])?.first?["type"] as? String == "input_image"
    }
    #expect(images.count == 2)
    #expect(try Self.json(requests[1]).contains("my shot.png' here?"))
    #expect(result.stdout.contains("attached: \(directory)/my shot.png"), "\(result.stdout)")
  }

  @Test func aMissingImageOnTheCommandLineIsAUsageError() throws {
    let directory = try Self.workspace()
    let home = try CodexProcess.makeHome()
    for arguments in [
      ["-i", "gone.png"], ["exec", "--skip-git-repo-check", "-i", "notes.png", "x"],
    ] {
      let result = try CodexProcess.run(
        arguments, environment: ["CODEX_HOME": home], directory: directory)
      #expect(result.status == 2, "\(arguments): \(result.stderr)")
      #expect(
        result.stderr.contains("gone.png: no such file")
          || result.stderr.contains("notes.png: not an image codex can send"), "\(result.stderr)")
    }
  }
}
