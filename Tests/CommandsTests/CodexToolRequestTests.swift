import Agent
import Testing

@testable import Commands

@Suite(.timeLimit(.minutes(10))) struct CodexToolRequestTests {
  @Test func argumentsBecomeOverrides() throws {
    let request = try CodexToolRequest.parse([
      "prompt": "fix it", "model": "o3", "cwd": "/work", "approval-policy": "never",
      "sandbox": "workspace-write", "base-instructions": "Be brief.",
      "config": .object([
        "model_reasoning_effort": "high",
        "sandbox_workspace_write": .object(["network_access": true]),
        "notify": .array(["notify-send", "done"]),
      ]),
    ])
    #expect(request.prompt == "fix it")
    #expect(request.overrides.model == "o3")
    #expect(request.overrides.workingDirectory == "/work")
    #expect(request.overrides.approvalPolicy == .never)
    #expect(request.overrides.sandboxMode == .workspaceWrite)
    #expect(request.baseInstructions == "Be brief.")
    #expect(
      request.overrides.settings == [
        #"model_reasoning_effort="high""#, #"notify=["notify-send","done"]"#,
        "sandbox_workspace_write.network_access=true",
      ])
  }

  @Test func badArgumentsSayWhatIsWrong() {
    #expect(throws: (any Error).self) { try CodexToolRequest.parse(["model": "o3"]) }
    do {
      _ = try CodexToolRequest.parse(["prompt": "x", "approval-policy": "sometimes"])
      Issue.record("accepted a bad policy")
    } catch {
      #expect("\(error)".contains("approval-policy: \"sometimes\" is not one of untrusted"))
    }
    do {
      _ = try CodexToolRequest.parse(["prompt": "x", "model": 3])
      Issue.record("accepted a number as model")
    } catch {
      #expect("\(error)" == "`model` must be a string")
    }
  }
}
