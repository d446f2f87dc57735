import Foundation
import Sandbox

/// `view_image`: the model looks at a local image file. The image goes with the next
/// request as an image part (Responses `input_image`, Chat `image_url`), after the
/// call's output; a file that is missing, not an image, or too large is an error the
/// model reads, and the turn goes on.
public struct ViewImageTool: Tool {
  /// The arguments as Codex's `view_image` defines them.
  public struct Arguments: Decodable, Sendable {
    /// The image file, absolute or relative to the working directory.
    public var path: String
  }

  /// The tool.
  public init() {}

  /// The schema the model sees, Codex's.
  public let spec = ToolSpec(
    name: "view_image",
    description:
      "Attach a local image file (png, jpeg, gif or webp; by filesystem path) so you can see it "
      + "with the next message. Use it for screenshots, diagrams and images in the repository.",
    parameters: """
      {"type":"object","properties":{
        "path":{"type":"string","description":"Local filesystem path to an image file"}},
       "required":["path"],"additionalProperties":false}
      """)

  /// Never asks: it only reads the file, as any sandboxed command may.
  public func requirement(for arguments: Arguments, in context: ToolContext) async
    -> ToolRequirement
  {
    .run(sandboxed: false)
  }

  /// Reads the image and attaches it; tells the model what happened.
  public func run(_ arguments: Arguments, attempt: SandboxAttempt, in context: ToolContext)
    async throws
    -> ToolResult
  {
    let path =
      arguments.path.hasPrefix("/")
      ? arguments.path
      : URL(fileURLWithPath: context.workingDirectory + "/" + arguments.path).standardized.path
    do {
      let url = try ImageAttachment.dataURL(path: path)
      context.attachImage(url)
      context.emit(.imageViewed(path: path))
      return ToolResult(output: "attached the image \(arguments.path); it follows this message")
    } catch let error as ModelError {
      return ToolResult(output: "error: " + error.message)
    }
  }
}
