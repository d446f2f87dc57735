import Foundation

/// Finds the tool for a call: the built-in tools, then the MCP servers' tools.
public struct ToolRouter: Sendable {
  /// The built-in tools: shell, apply_patch, update_plan.
  public let builtIn: [any Tool]
  let mcp: MCPServers?
  /// Built-in tools not offered but served when called: a cassette replays the tool
  /// calls it recorded, whichever tool set the run that recorded it was offered.
  let reserve: [any Tool]

  /// A router for the built-in tools and the tools of `mcp`: `commands` decides the
  /// command tools, `freeformPatch` the form of `apply_patch`; without the editing tools
  /// when `edits` is false, and without `view_image` when `images` is false.
  public init(
    mcp: MCPServers?, commands: Configuration.CommandTools = .shell, freeformPatch: Bool = false,
    edits: Bool = true, images: Bool = true, replaying: Bool = false
  ) {
    let commandTools: [any Tool] =
      switch commands {
      case .none: []
      case .shell: [ShellTool()]
      case .unifiedExec: [ExecCommandTool(), WriteStdinTool()]
      }
    builtIn =
      commandTools + (edits ? [ApplyPatchTool(freeform: freeformPatch), UpdatePlanTool()] : [])
      + (images ? [ViewImageTool()] : [])
    self.mcp = mcp
    let offered = Set(builtIn.map(\.name))
    let every: [any Tool] =
      [ShellTool(), ExecCommandTool(), WriteStdinTool()] + (edits ? [ApplyPatchTool()] : [])
    reserve = replaying ? every.filter { !offered.contains($0.name) } : []
  }

  /// What to offer the model (MCP tools once the servers are ready).
  public var specs: [ToolSpec] { builtIn.map(\.spec) + (mcp?.toolSpecs ?? []) }

  /// The tool that handles `call`, and the call as that tool takes it: a patch sent
  /// through the shell tool (`apply_patch PATCH`, or in a `bash -lc` here-document, as
  /// models often do) goes to `apply_patch`.
  public func route(_ call: ToolCall) -> (tool: any Tool, call: ToolCall)? {
    var call = call
    if call.custom {
      // Freeform tools take their input as it is: apply_patch's is the patch.
      guard call.name == "apply_patch", let tool = builtIn.first(where: { $0.name == call.name })
      else { return nil }
      call.arguments = JSONValue.object(["input": .string(call.arguments)]).text
      return (tool, call)
    }
    if let namespace = call.namespace {
      // Codex's MCP namespaces (`mcp__SERVER__`) name the server; the call names its tool.
      guard let mcp, namespace.hasPrefix("mcp__"), namespace.hasSuffix("__"),
        namespace.count > 7,
        case let server = String(namespace.dropFirst(5).dropLast(2)),
        let qualified = mcp.qualifiedName(server: server, tool: call.name)
      else { return nil }
      call.name = qualified
      call.namespace = nil
    }
    if call.name == "container.exec" { call.name = "shell" }
    if call.name == "shell",
      let words = JSONValue.parse(call.arguments)?["command"]?.array,
      case let command = words.compactMap(\.string), command.count == words.count,
      let patch = EmbeddedPatch.patchText(in: command)
    {
      call.name = "apply_patch"
      call.arguments = JSONValue.object(["input": .string(patch)]).text
    }
    if let tool = builtIn.first(where: { $0.name == call.name }) { return (tool, call) }
    if let tool = reserve.first(where: { $0.name == call.name }) { return (tool, call) }
    if let mcp, let kind = MCPResourceTool.Kind(rawValue: call.name),
      !mcp.serversWithResources.isEmpty
    {
      return (MCPResourceTool(kind: kind, servers: mcp), call)
    }
    if let mcp, let route = mcp.route(call.name),
      let spec = mcp.toolSpecs.first(where: { $0.name == call.name })
    {
      return (MCPTool(spec: spec, servers: mcp, route: route), call)
    }
    return nil
  }
}
