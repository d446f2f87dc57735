import Sandbox
import Testing

@Suite(.timeLimit(.minutes(10))) struct ShellEnvironmentPolicyTests {
  let parent = [
    "PATH": "/bin", "HOME": "/root", "OPENAI_API_KEY": "sk", "GITHUB_TOKEN": "t",
    "AWS_SECRET_ACCESS_KEY": "s",
    "EDITOR": "vi", "MY_VAR": "1",
  ]

  @Test func defaultDropsSecretLookingNames() {
    let env = ShellEnvironmentPolicy().environment(from: parent)
    #expect(env == ["PATH": "/bin", "HOME": "/root", "EDITOR": "vi", "MY_VAR": "1"])
  }

  @Test func inheritCoreNoneAndSet() {
    #expect(
      ShellEnvironmentPolicy(inherit: .core).environment(from: parent) == [
        "PATH": "/bin", "HOME": "/root",
      ])
    #expect(
      ShellEnvironmentPolicy(inherit: .none, set: ["A": "b"]).environment(from: parent) == [
        "A": "b"
      ])
  }

  @Test func excludeIncludeOnlyAndIgnoringDefaults() {
    let policy = ShellEnvironmentPolicy(
      exclude: ["my_*"], includeOnly: ["PATH", "MY_*", "*_TOKEN"], ignoreDefaultExcludes: true)
    #expect(policy.environment(from: parent) == ["PATH": "/bin", "GITHUB_TOKEN": "t"])
  }
}
