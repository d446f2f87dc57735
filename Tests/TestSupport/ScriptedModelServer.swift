import Foundation

/// `scripts/scripted-model-server` with a script of responses, recording the requests.
public final class ScriptedModelServer: @unchecked Sendable {
  public let server: TestHTTPServer
  public let recordPath: String

  /// `responses` as JSON text: the entries of the script's `responses` list. `server`
  /// makes it behave as a real server does (`llama.cpp`: no streamed tool calls);
  /// `vision: false` makes it refuse requests that hold images.
  public init(responses: String, server mode: String? = nil, vision: Bool? = nil) throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "scripted-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let scriptPath = directory.appendingPathComponent("script.json").path
    recordPath = directory.appendingPathComponent("requests.jsonl").path
    let prefix =
      (mode.map { "\"server\": \"\($0)\", " } ?? "")
      + (vision.map { "\"vision\": \($0), " } ?? "")
    try "{\(prefix)\"responses\": \(responses)}".write(
      toFile: scriptPath, atomically: true, encoding: .utf8)
    server = try TestHTTPServer(
      script: "scripted-model-server", arguments: [scriptPath, "--record", recordPath])
  }

  public var baseURL: String { server.baseURL + "/v1" }

  /// The requests received so far: path, headers, body.
  public func requests() -> [[String: Any]] {
    guard let text = try? String(contentsOfFile: recordPath, encoding: .utf8) else { return [] }
    return text.split(separator: "\n").compactMap {
      try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
  }

  public func stop() { server.stop() }
}

extension ScriptedModelServer {
  /// The `function_call_output` texts of the last request, in order: what the model was
  /// told of its calls.
  public func lastFunctionOutputs() -> [String] {
    guard let body = requests().last?["body"] as? [String: Any],
      let input = body["input"] as? [[String: Any]]
    else { return [] }
    return input.filter { $0["type"] as? String == "function_call_output" }.compactMap {
      $0["output"] as? String
    }
  }
}
