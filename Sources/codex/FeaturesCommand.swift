import Agent
import ArgumentParser
import Foundation

/// `codex features list | enable NAME | disable NAME`: the `[features]` flags.
struct FeaturesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "features",
    abstract: "List the [features] flags, or turn one on or off in config.toml (edited in place).",
    subcommands: [
      FeaturesListCommand.self, FeaturesEnableCommand.self, FeaturesDisableCommand.self,
    ],
    defaultSubcommand: FeaturesListCommand.self)
}

struct FeaturesListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list", abstract: "Every flag Codex defines: on or off here, and what it does.")

  @OptionGroup var options: ConfigOptions

  func run() throws {
    let configuration = try Failure.loadConfiguration(options)
    let width = Feature.all.map(\.name.count).max() ?? 0
    for feature in Feature.all {
      // The tool flags follow the model's catalog entry when the file does not set them.
      let on =
        switch feature.name {
        case "unified_exec": configuration.commandTools == .unifiedExec
        case "apply_patch_freeform": configuration.freeformPatch
        default: configuration.isEnabled(feature.name)
        }
      let state = on ? "on " : "off"
      let name = feature.name.padding(toLength: width, withPad: " ", startingAt: 0)
      print("\(name)  \(state)  \(feature.effect ?? "accepted, not used here")")
    }
  }
}

/// Sets one flag in `config.toml`.
enum FeatureSwitch {
  static func set(_ name: String, _ enabled: Bool, options: ConfigOptions) throws {
    guard Feature.named(name) != nil else {
      var message = "unknown feature `\(name)`"
      if let near = NearestName.suggest(name, from: Feature.all.map(\.name)) {
        message += " (did you mean `\(near)`?)"
      }
      throw ValidationError(message + "; `codex features list` shows them all")
    }
    let configuration = try Failure.loadConfiguration(options)
    do {
      try ConfigFileEditor(configPath: configuration.configFile).set(
        ["features", name], bool: enabled)
    } catch let error as ConfigError {
      throw ValidationError(error.message)
    }
    print("\(name) \(enabled ? "enabled" : "disabled") in \(configuration.configFile)")
  }
}

struct FeaturesEnableCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "enable", abstract: "Turn a flag on: features.NAME = true in config.toml.")

  @OptionGroup var options: ConfigOptions
  @Argument(help: "The flag's name.") var name: String

  func run() throws { try FeatureSwitch.set(name, true, options: options) }
}

struct FeaturesDisableCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "disable", abstract: "Turn a flag off: features.NAME = false in config.toml.")

  @OptionGroup var options: ConfigOptions
  @Argument(help: "The flag's name.") var name: String

  func run() throws { try FeatureSwitch.set(name, false, options: options) }
}
