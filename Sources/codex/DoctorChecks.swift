import Agent
import Foundation
import Sandbox

/// The checks `codex doctor` runs.
enum DoctorChecks {
  /// The libraries codex loads when it needs them, found or not (with the fix).
  static func libraries() -> [DoctorLine] {
    let install = "install it: apt-get install -y"
    var lines: [DoctorLine] = []
    if let curl = open(["libcurl.so.4", "libcurl-gnutls.so.4", "libcurl.so"]) {
      typealias Version = @convention(c) () -> UnsafePointer<CChar>?
      let version = dlsym(curl.handle, "curl_version").map {
        unsafeBitCast($0, to: Version.self)().map { String(cString: $0) } ?? ""
      }
      lines.append(.init(level: .ok, topic: "libcurl", text: version ?? curl.name))
    } else {
      lines.append(
        .init(level: .fail, topic: "libcurl", text: "not found: \(install) libcurl4-openssl-dev"))
    }
    if let edit = open(["libedit.so.2", "libedit.so"]) {
      lines.append(.init(level: .ok, topic: "libedit", text: edit.name))
    } else {
      lines.append(
        .init(
          level: .warn, topic: "libedit",
          text: "not found (no line editing): \(install) libedit-dev"))
    }
    if let seccomp = open(["libseccomp.so.2"]) {
      typealias Version = @convention(c) () -> UnsafePointer<UInt32>?
      let version = dlsym(seccomp.handle, "seccomp_version").flatMap {
        unsafeBitCast($0, to: Version.self)()
      }.map { "\($0[0]).\($0[1]).\($0[2])" }
      lines.append(
        .init(level: .ok, topic: "libseccomp", text: "\(seccomp.name) \(version ?? "")"))
    } else {
      lines.append(
        .init(
          level: .fail, topic: "libseccomp",
          text: "not found (the sandbox cannot filter system calls): \(install) libseccomp-dev"))
    }
    return lines
  }

  private static func open(_ names: [String]) -> (name: String, handle: UnsafeMutableRawPointer)? {
    for name in names {
      if let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) { return (name, handle) }
    }
    return nil
  }

  /// Whether the provider's key is there (never what it is).
  static func key(_ configuration: Configuration) -> DoctorLine {
    let provider = configuration.provider
    let key = ModelClient.apiKey(
      for: provider, environment: ProcessInfo.processInfo.environment,
      codexHome: configuration.codexHome)
    if key != nil {
      return .init(level: .ok, topic: "key", text: "an API key for \(provider.id) is set")
    }
    guard let name = provider.envKey else {
      return .init(level: .info, topic: "key", text: "\(provider.id) takes no key")
    }
    return .init(
      level: .warn, topic: "key",
      text: "no key for \(provider.id): set \(name) or run `codex login`")
  }

  /// Whether the provider answers at all (its model list, with a short timeout).
  static func provider(_ configuration: Configuration, timeout: Double) async -> DoctorLine {
    let provider = configuration.provider
    let url =
      provider.baseURL.hasSuffix("/") ? provider.baseURL + "models" : provider.baseURL + "/models"
    let request = HTTPRequest(
      url: url, connectTimeout: .milliseconds(Int(timeout * 1000)),
      idleTimeout: .milliseconds(Int(timeout * 1000)))
    do {
      let (head, body) = try await HTTPClient.stream(request)
      for try await _ in body {}
      // Any HTTP answer means the server is there; 401 only says the key was not sent.
      return .init(
        level: head.status < 500 ? .ok : .warn, topic: "provider",
        text: "\(provider.id) at \(provider.baseURL) answers (HTTP \(head.status))")
    } catch {
      return .init(
        level: .fail, topic: "provider",
        text:
          "\(provider.id) at \(provider.baseURL) does not answer: \(error); check model_providers.\(provider.id).base_url"
      )
    }
  }

  /// What the sandbox enforces here for the configured policy.
  static func sandbox(_ configuration: Configuration) -> [DoctorLine] {
    let support = LinuxSandbox.Support.current
    let mode = configuration.sandboxPolicy.mode.rawValue
    if let problem = support.problem {
      return [.init(level: .fail, topic: "sandbox", text: "\(mode) cannot be enforced: \(problem)")]
    }
    let world = support.namespaces ? "namespaces" : "no namespaces (Landlock and seccomp only)"
    return [
      .init(
        level: .ok, topic: "sandbox",
        text:
          "\(mode): Landlock ABI \(support.landlockABI), seccomp, \(world); `codex sandbox --explain` says more"
      )
    ]
  }

  /// Each configured MCP server: started and its tools listed, or why not.
  static func mcpServers(_ configuration: Configuration, timeout: Double) async -> [DoctorLine] {
    let servers = configuration.mcpServers.filter(\.enabled)
    guard !servers.isEmpty else { return [] }
    let mcp = MCPServers(servers: servers, environment: ProcessInfo.processInfo.environment)
    await mcp.ready()
    var lines: [DoctorLine] = []
    for status in await mcp.statuses() {
      switch status.state {
      case .ready:
        lines.append(
          .init(level: .ok, topic: "mcp \(status.name)", text: "\(status.tools.count) tools"))
      case .failed(let reason):
        lines.append(.init(level: .fail, topic: "mcp \(status.name)", text: reason))
      case .starting, .disabled:
        lines.append(.init(level: .warn, topic: "mcp \(status.name)", text: "not started"))
      }
    }
    await mcp.stop()
    return lines
  }
}
