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
