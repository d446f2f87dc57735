import Foundation
import Sandbox

/// The instructions a session starts with: our base prompt, then the AGENTS.md files
/// that apply, then the environment the model works in.
public enum Instructions {
  /// The built-in instructions every session starts with, for the command tools it has.
  public static func base(for commands: Configuration.CommandTools) -> String {
    let running: String
    switch commands {
    case .shell:
      running = """
        - Run commands with the `shell` tool, as an argv array (use ["bash", "-lc", "..."] for
          pipelines). Commands run in a sandbox; if one fails for lack of permission, say so
          or ask for escalation with `with_escalated_permissions` and a `justification`.
        """
    case .unifiedExec:
      running = """
        - Run commands with `exec_command` (a command line in `cmd`). One still running after
          `yield_time_ms` keeps running: read its output or type into it (`\\u0003` is Ctrl-C)
          with `write_stdin` and its `session_id`; use `tty: true` for interactive programs,
          and end servers you started when you are done with them. Commands run in a
          sandbox; if one fails for lack of permission, say so or ask for escalation with
          `sandbox_permissions: "require_escalated"` and a `justification`.
        """
    case .none:
      running = "- You cannot run commands here; say what you would run instead."
    }
    return """
      You are codex, a coding agent working in the user's terminal and repository. You read
      files, run commands and change code through the tools you are given.

      - Work in the current directory unless told otherwise. Read before you change; keep
        changes small and in the style of the code around them.
      \(running)
      - Edit files with `apply_patch` (the *** Begin Patch format), never by echoing into files.
      - For work with several steps, keep a plan with `update_plan`.
      - When you are done, answer briefly: what you changed and how you checked it.
      """
  }

  /// The global file in `$CODEX_HOME`, then one file per directory from the repository
  /// root down to the working directory, each with its path, within `maxBytes` in all. In
  /// each place the first non-empty one of `AGENTS.override.md`, `AGENTS.md` and the
  /// `fallbackFilenames` (such as `CLAUDE.md`; not for the global one) is read.
  public static func projectDocs(
    codexHome: String, workingDirectory: String, maxBytes: Int, fallbackFilenames: [String] = []
  ) -> [(path: String, text: String)] {
    let root = gitRoot(from: workingDirectory) ?? workingDirectory
    var directories: [String] = []
    var directory = workingDirectory
    while true {
      directories.append(directory)
      if directory == root || directory == "/" { break }
      directory = (directory as NSString).deletingLastPathComponent
    }
    let names = ["AGENTS.override.md", "AGENTS.md"]
    var places = [(codexHome, names)]
    places += directories.reversed().map { ($0, names + fallbackFilenames) }
    var remaining = maxBytes
    var docs: [(String, String)] = []
    for (directory, candidates) in places where remaining > 0 {
      for name in candidates {
        let path = directory + "/" + name
        guard let data = FileManager.default.contents(atPath: path),
          !data.allSatisfy({ [0x20, 0x0A, 0x0D, 0x09].contains($0) })
        else { continue }
        let kept = data.prefix(remaining)
        remaining -= kept.count
        docs.append((path, String(decoding: kept, as: UTF8.self)))
        break
      }
    }
    return docs
  }

  /// The nearest directory at or above `directory` holding `.git` (as Codex CLI marks a
  /// project), but not the sandbox's empty placeholder for one, which a codex killed
  /// while a command ran can leave behind.
  public static func gitRoot(from directory: String) -> String? {
    var current = directory
    while true {
      let marker = current + "/.git"
      if FileManager.default.fileExists(atPath: marker), !LocalFileSystem().isPlaceholder(marker) {
        return current
      }
      if current == "/" || current.isEmpty { return nil }
      current = (current as NSString).deletingLastPathComponent
    }
  }

  /// The instructions sent: the base text, then each AGENTS.md file's text under its path.
  public static func text(docs: [(path: String, text: String)], base: String) -> String {
    var text = base
    for doc in docs {
      text += "\n\n--- project instructions from \(doc.path) ---\n" + doc.text
    }
    return text
  }

  /// The first user message of a session, describing where the model works.
  public static func environmentContext(
    workingDirectory: String, approvalPolicy: ApprovalPolicy, sandbox: SandboxPolicy, shell: String
  ) -> String {
    let network = sandbox.allowsNetwork ? "enabled" : "restricted"
    return """
      <environment_context>
        <cwd>\(workingDirectory)</cwd>
        <approval_policy>\(approvalPolicy.rawValue)</approval_policy>
        <sandbox_mode>\(sandbox.mode.rawValue)</sandbox_mode>
        <network_access>\(network)</network_access>
        <shell>\(shell)</shell>
      </environment_context>
      """
  }
}
