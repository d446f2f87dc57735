import Foundation
import TOML

/// Edits `config.toml` in place: the user's comments, order and formatting stay as they
/// were; a missing file is created.
public struct ConfigFileEditor: Sendable {
  /// The config.toml to edit.
  public var configPath: String

  /// An editor of `configPath`.
  public init(configPath: String) {
    self.configPath = configPath
  }

  /// Sets the value at a key path (tables made as needed).
  public func set(_ path: [String], to value: TOMLValue) throws {
    try edit { try $0.set(path, to: value) }
  }

  /// Sets a string value at a key path.
  public func set(_ path: [String], string: String) throws {
    try set(path, to: TOMLValue(.string(string)))
  }

  /// Sets a boolean value at a key path.
  public func set(_ path: [String], bool: Bool) throws {
    try set(path, to: TOMLValue(.boolean(bool)))
  }

  /// Reads the file, lets `change` edit it, writes it back.
  public func edit(_ change: (inout TOMLDocument) throws -> Void) throws {
    var document = try read()
    try change(&document)
    try write(document)
  }

  /// The file as a document (empty when it does not exist).
  public func read() throws -> TOMLDocument {
    let text: String
    if FileManager.default.fileExists(atPath: configPath) {
      guard let data = FileManager.default.contents(atPath: configPath),
        let decoded = String(data: data, encoding: .utf8)
      else { throw ConfigError("cannot read \(configPath)") }
      text = decoded
    } else {
      text = ""
    }
    do {
      return try TOMLDocument(text: text, sourceName: configPath)
    } catch let error as TOMLError {
      throw ConfigError("\(error)")
    }
  }

  private func write(_ document: TOMLDocument) throws {
    let directory = (configPath as NSString).deletingLastPathComponent
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    do {
      try document.text.write(toFile: configPath, atomically: true, encoding: .utf8)
    } catch {
      throw ConfigError("cannot write \(configPath): \(error.localizedDescription)")
    }
  }
}
