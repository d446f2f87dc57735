import Foundation
import Testing

@Suite(.timeLimit(.minutes(10))) struct LoginCommandTests {
  @Test func loginStatusLogout() throws {
    let home = try CodexProcess.makeHome()
    let env = ["CODEX_HOME": home, "OPENAI_API_KEY": ""]
    #expect(try CodexProcess.run(["login", "status"], environment: env).status == 1)

    let key = "sk-test-abcdefghijklmnop1234"
    let login = try CodexProcess.run(
      ["login", "--with-api-key"], stdin: Data((key + "\n").utf8), environment: env)
    #expect(login.status == 0, "\(login.stderr)")
    #expect(!login.stdout.contains(key))
    let attributes = try FileManager.default.attributesOfItem(atPath: home + "/auth.json")
    #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    let saved = try JSONSerialization.jsonObject(
      with: Data(contentsOf: URL(fileURLWithPath: home + "/auth.json")))
    #expect((saved as? [String: String])?["OPENAI_API_KEY"] == key)

    let status = try CodexProcess.run(["login", "status"], environment: env)
    #expect(status.status == 0)
    #expect(status.stdout.contains("sk-…1234"))
    #expect(!status.stdout.contains(key))

    #expect(try CodexProcess.run(["logout"], environment: env).stdout.hasPrefix("Removed"))
    #expect(!FileManager.default.fileExists(atPath: home + "/auth.json"))
  }
}
