import Foundation
import Testing

@testable import Agent

/// Hooks are keyed and fingerprinted as Codex keys and fingerprints them, so trust
/// recorded by either program holds in the other.
@Suite(.timeLimit(.minutes(10))) struct HookDiscoveryTests {
  @Test func sha256KnownAnswers() {
    #expect(
      SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(
      SHA256.hex(Array("abc".utf8))
        == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(
      SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    #expect(
      SHA256.hex(Array(repeating: UInt8(ascii: "a"), count: 1000))
        == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
  }

  /// Fingerprints the real CLI 0.163 reported (`hooks/list` on its app-server) for
  /// these hooks.
  @Test func fingerprintsMatchCodexs() {
    #expect(
      HookDiscovery.fingerprint(
        event: .preToolUse, matcher: "Bash", command: "/var/tmp/rc/hook.sh pre", timeout: 10,
        isAsync: false, statusMessage: "checking")
        == "sha256:a18633043edee33f9c2e8283c4e9d9c99df18d75e55c292d78fdde7151a0fffc")
    #expect(
      HookDiscovery.fingerprint(
        event: .postToolUse, matcher: nil, command: "/var/tmp/rc/hook.sh post", timeout: 600,
        isAsync: false, statusMessage: nil)
        == "sha256:e99f38fae94f9169eebfb8989885c16e4c5f62028098373c695affe104880b0b")
  }

  @Test func keysTrustAndProblems() {
    let events: JSONValue = [
      "Stop": [["matcher": "ignored", "hooks": [["type": "command", "command": "a"]]]],
      "PreToolUse": [
        ["matcher": "Bash", "hooks": [["type": "command", "command": "b", "timeout": 5]]],
        ["matcher": "(", "hooks": [["type": "command", "command": "c"]]],
        ["hooks": [["type": "prompt"], ["type": "command", "command": "d"]]],
      ],
      "PreToolUze": [],
    ]
    let b = HookDiscovery.fingerprint(
      event: .preToolUse, matcher: "Bash", command: "b", timeout: 5, isAsync: false,
      statusMessage: nil)
    let (handlers, warnings) = HookDiscovery.discover(
      [HookDiscovery.Source(path: "/h/config.toml", events: events)],
      state: [
        "/h/config.toml:pre_tool_use:0:0": .init(trustedHash: b),
        "/h/config.toml:pre_tool_use:2:1": .init(trustedHash: "sha256:old"),
      ])
    #expect(
      handlers.map(\.key) == [
        "/h/config.toml:pre_tool_use:0:0", "/h/config.toml:pre_tool_use:2:1",
        "/h/config.toml:stop:0:0",
      ])
    #expect(handlers.map(\.trust) == [.trusted, .modified, .untrusted])
    // Stop takes no matcher: it is dropped, as in Codex's fingerprint.
    #expect(handlers[2].matcher == nil)
    #expect(handlers[1].matches("anything"))
    #expect(handlers[0].matches("Bash") && !handlers[0].matches("BashOutput"))
    #expect(warnings.contains { $0.contains("unknown hook event `PreToolUze`") })
    #expect(warnings.contains { $0.contains("invalid matcher \"(\"") })
    #expect(warnings.contains { $0.contains("skipping prompt hook") })
  }
}
