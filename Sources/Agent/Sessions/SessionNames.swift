import Foundation

/// Names given to sessions with `/rename`, kept in `$CODEX_HOME/session_names.jsonl`
/// (`{"id":…,"name":…}` lines, appended; the last line for an id or a name wins), so
/// that `codex resume NAME` finds the session by its name.
public struct SessionNames: Sendable {
  /// The file.
  public var path: String

  /// The names kept under `codexHome`.
  public init(codexHome: String) {
    path = codexHome + "/session_names.jsonl"
  }

  /// Gives session `id` the name `name`.
  public func set(_ name: String, for id: String) throws {
    var line = Data(JSONValue.object(["id": .string(id), "name": .string(name)]).bytes)
    line.append(0x0A)
    let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else {
      throw ModelError("cannot write \(path): \(String(cString: strerror(errno)))")
    }
    defer { close(descriptor) }
    let written = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    guard written == line.count else {
      throw ModelError("cannot write \(path): \(String(cString: strerror(errno)))")
    }
  }

  /// Every (id, name), oldest first.
  private func entries() -> [(id: String, name: String)] {
    guard let data = FileManager.default.contents(atPath: path) else { return [] }
    return data.split(separator: 0x0A).compactMap { line in
      guard let object = JSONValue.parse(Data(line))?.object, let id = object["id"]?.string,
        let name = object["name"]?.string
      else { return nil }
      return (id, name)
    }
  }

  /// The session named `name` most recently.
  public func id(named name: String) -> String? {
    entries().last { $0.name == name }?.id
  }

  /// The name of session `id`, if it has one.
  public func name(of id: String) -> String? {
    entries().last { $0.id == id }?.name
  }
}
