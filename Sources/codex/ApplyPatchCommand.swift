import Agent
import ArgumentParser
import Foundation

/// Applies a patch in the Codex format to the current directory, atomically.
struct ApplyPatchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "apply-patch",
    abstract:
      "Apply a patch (*** Begin Patch ... *** End Patch) in the current directory; all or nothing.",
    discussion:
      "The patch is read from the argument, or from stdin when there is none. Exit 1 if it does not apply."
  )

  @Option(name: [.customShort("C"), .customLong("cd")], help: "Apply in this directory.")
  var directory: String?

  @Flag(help: "Print the unified diff of every change.")
  var diff = false

  @Argument(help: "The patch text.")
  var patch: String?

  func run() throws {
    try Self.apply(patch: patch, directory: directory, diff: diff)
  }

  /// The command's arguments read without argument-parser, for the common shapes only
  /// (`[PATCH] [--diff] [-C DIR]`): a patch applier runs once per patch from scripts and
  /// tools, and reflecting over the options costs more than a small patch. Nil for
  /// anything else, which the parser then reads (and words the errors for).
  static func quickArguments(_ arguments: [String]) -> (
    patch: String?, directory: String?, diff: Bool
  )? {
    var patch: String?
    var directory: String?
    var diff = false
    var index = 0
    while index < arguments.count {
      let word = arguments[index]
      switch word {
      case "--diff" where !diff: diff = true
      case "-C", "--cd":
        guard directory == nil, index + 1 < arguments.count else { return nil }
        index += 1
        directory = arguments[index]
      default:
        guard patch == nil, !word.hasPrefix("-"), word != "help" else { return nil }
        patch = word
      }
      index += 1
    }
    return (patch, directory, diff)
  }

  /// Applies `patch` (stdin when nil) in `directory` (the current one when nil).
  static func apply(patch: String?, directory: String?, diff: Bool) throws {
    let text =
      patch ?? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
    let root = directory ?? FileManager.default.currentDirectoryPath
    do {
      let changes = try PatchApplier(workingDirectory: root).apply(try PatchParser.parse(text))
      for change in changes {
        print(change.summary)
        if diff { print(change.diff, terminator: "") }
      }
    } catch let error as PatchError {
      throw Failure.report("patch not applied, no file changed: \(error.message)", code: 1)
    }
  }
}
