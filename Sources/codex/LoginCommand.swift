import Agent
import ArgumentParser
import Foundation

struct LoginCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "login",
    abstract: "Save an OpenAI API key for codex (read from stdin) in $CODEX_HOME/auth.json.",
    discussion: "Example: printenv OPENAI_API_KEY | codex login --with-api-key",
    subcommands: [LoginStatusCommand.self])

  @Flag(help: "Read the API key from stdin.")
  var withApiKey = false

  func run() throws {
    guard withApiKey else {
      throw ValidationError(
        "pass --with-api-key and the key on stdin: printenv OPENAI_API_KEY | codex login --with-api-key"
      )
    }
    let key = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
      .trimmingCharacters(in: .whitespacesAndNewlines)
    guard !key.isEmpty else { throw Failure.report("no API key on stdin", code: 2) }
    let store = AuthStore(codexHome: try codexHome())
    do {
      try store.save(apiKey: key)
    } catch let error as ConfigError {
      throw Failure.report(error.message, code: 1)
    }
    print("Saved the API key (\(AuthStore.mask(key))) in \(store.path)")
  }
}

struct LoginStatusCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "status",
    abstract: "Say where codex finds the OpenAI API key; exit 1 if it finds none.")

  func run() throws {
    if let key = ProcessInfo.processInfo.environment["OPENAI_API_KEY"], !key.isEmpty {
      print("Using the API key in OPENAI_API_KEY (\(AuthStore.mask(key)))")
      return
    }
    let store = AuthStore(codexHome: try codexHome())
    guard let key = store.apiKey() else {
      throw Failure.report(
        "not logged in: set OPENAI_API_KEY or run `codex login --with-api-key`", code: 1)
    }
    print("Logged in with an API key (\(AuthStore.mask(key))) from \(store.path)")
  }
}

struct LogoutCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "logout", abstract: "Remove the API key saved by codex login.")

  func run() throws {
    let store = AuthStore(codexHome: try codexHome())
    if try store.remove() {
      print("Removed \(store.path)")
    } else {
      print("Not logged in; nothing to remove")
    }
  }
}

/// `$CODEX_HOME` or `~/.codex`, with the configuration's error handling.
func codexHome() throws -> String {
  do {
    return try ConfigLoader().codexHome()
  } catch let error as ConfigError {
    throw Failure.report(error.message, code: 2)
  }
}
