import Agent
import ArgumentParser

/// `codex debug models`: the model catalog in effect, in Codex's JSON format, so it can
/// be saved, edited and named by `model_catalog_json`.
struct DebugModelsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "models",
    abstract: "Print the model catalog in effect (built in, or model_catalog_json) as JSON.")

  @OptionGroup var options: ConfigOptions

  func run() throws {
    let configuration = try Failure.loadConfiguration(options)
    print(configuration.catalog.json.prettyText)
  }
}
