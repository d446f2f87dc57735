import Foundation
import TestSupport
import Testing

/// `codex exec --output-schema FILE`: the schema goes with the request, and the final
/// message is checked against it.
@Suite(.timeLimit(.minutes(10))) struct OutputSchemaTests {
  static let schema = """
    {"type": "object", "additionalProperties": false, "required": ["answer", "count"],
     "properties": {"answer": {"type": "string"}, "count": {"type": "integer", "minimum": 0}}}
    """

  func run(wire: String, reply: String) throws -> (CodexProcess.Result, [String: Any]) {
    let escaped = reply.replacingOccurrences(of: "\"", with: "\\\"")
    let server = try ScriptedModelServer(responses: #"[{"events": [{"text": "\#(escaped)"}]}]"#)
    defer { server.stop() }
    let config =
      "model = \"m\"\nmodel_provider = \"s\"\n[model_providers.s]\nbase_url = \"\(server.baseURL)\"\nwire_api = \"\(wire)\"\n"
    let home = try CodexProcess.makeHome(config: Data(config.utf8))
    try Self.schema.write(toFile: home + "/schema.json", atomically: true, encoding: .utf8)
    let result = try CodexProcess.run(
      ["exec", "--skip-git-repo-check", "--output-schema", home + "/schema.json", "count them"],
      environment: ["CODEX_HOME": home], directory: home)
    return (result, server.requests().first?["body"] as? [String: Any] ?? [:])
  }

  @Test(arguments: ["responses", "chat"])
  func aReplyThatFitsIsPrinted(wire: String) throws {
    let (result, body) = try run(wire: wire, reply: #"{"answer": "yes", "count": 3}"#)
    #expect(result.status == 0, "\(result.stderr)")
    let printed = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    #expect(printed?["count"] as? Int == 3)
    let format: [String: Any]?
    if wire == "responses" {
      format = (body["text"] as? [String: Any])?["format"] as? [String: Any]
      #expect(format?["type"] as? String == "json_schema")
      #expect(format?["strict"] as? Bool == true)
    } else {
      format = (body["response_format"] as? [String: Any])?["json_schema"] as? [String: Any]
    }
    #expect((format?["schema"] as? [String: Any])?["required"] as? [String] == ["answer", "count"])
  }

  @Test(arguments: ["responses", "chat"])
  func aReplyThatDoesNotFitFailsNamingTheFirstError(wire: String) throws {
    let (result, _) = try run(wire: wire, reply: #"{"answer": "yes", "count": "three"}"#)
    #expect(result.status == 1)
    #expect(result.stderr.contains("$.count: expected integer, got a string"), "\(result.stderr)")
    let (notJSON, _) = try run(wire: wire, reply: "three, I think")
    #expect(notJSON.status == 1)
    #expect(notJSON.stderr.contains("not JSON"))
  }

  @Test func aSchemaFileThatIsNotJSONIsAUsageError() throws {
    let home = try CodexProcess.makeHome()
    try "{ not json".write(toFile: home + "/bad.json", atomically: true, encoding: .utf8)
    let result = try CodexProcess.run(
      ["exec", "--skip-git-repo-check", "--output-schema", home + "/bad.json", "x"],
      environment: ["CODEX_HOME": home], directory: home)
    #expect(result.status == 2)
    #expect(result.stderr.contains("--output-schema"))
  }
}
