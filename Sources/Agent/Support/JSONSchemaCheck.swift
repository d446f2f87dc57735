import Foundation

/// Checks a JSON value against a JSON Schema (the subset structured outputs use:
/// `type`, `properties`, `required`, `additionalProperties`, `items`, `enum`, `const`,
/// `anyOf`/`oneOf`/`allOf`, `$ref` to `#/$defs/…` or `#/definitions/…`, and the
/// numeric, string and array bounds). The first mismatch is returned with its path.
public struct JSONSchemaCheck: Sendable {
  /// The schema checked against.
  public let schema: JSONValue

  /// A check against `schema`.
  public init(schema: JSONValue) {
    self.schema = schema
  }

  /// Where a value first fails the schema, and why.
  public struct Mismatch: Error, Equatable, CustomStringConvertible {
    /// The value's place, as `$.items[2].name`.
    public var path: String
    /// What the schema wants there.
    public var reason: String
    /// `$.items[2].name: expected a string`
    public var description: String { "\(path): \(reason)" }
  }

  /// The first mismatch, or nil when `value` fits.
  public func mismatch(in value: JSONValue) -> Mismatch? {
    check(value, against: schema, path: "$", depth: 0)
  }

  private func resolve(_ reference: String) -> JSONValue? {
    guard reference.hasPrefix("#/") else { return nil }
    var node: JSONValue? = schema
    for part in reference.dropFirst(2).split(separator: "/") {
      let key = part.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(
        of: "~0", with: "~")
      node = node?[key]
    }
    return node
  }

  private func check(_ value: JSONValue, against schema: JSONValue, path: String, depth: Int)
    -> Mismatch?
  {
    guard depth < 64 else { return Mismatch(path: path, reason: "the schema nests too deeply") }
    if case .bool(let allowed) = schema {
      return allowed ? nil : Mismatch(path: path, reason: "no value is allowed here")
    }
    guard let rules = schema.object else { return nil }
    if let reference = rules["$ref"]?.string {
      guard let target = resolve(reference) else {
        return Mismatch(path: path, reason: "the schema's $ref \(reference) cannot be resolved")
      }
      if let problem = check(value, against: target, path: path, depth: depth + 1) {
        return problem
      }
    }
    if let types = rules["type"] {
      let names = types.array?.compactMap(\.string) ?? [types.string].compactMap { $0 }
      if !names.isEmpty && !names.contains(where: { Self.isType(value, $0) }) {
        return Mismatch(
          path: path,
          reason: "expected \(names.joined(separator: " or ")), got \(Self.typeName(value))")
      }
    }
    if let options = rules["enum"]?.array, !options.contains(value) {
      return Mismatch(path: path, reason: "expected one of \(JSONValue.array(options).text)")
    }
    if let constant = rules["const"], constant != value {
      return Mismatch(path: path, reason: "expected \(constant.text)")
    }
    for part in rules["allOf"]?.array ?? [] {
      if let problem = check(value, against: part, path: path, depth: depth + 1) { return problem }
    }
    for key in ["anyOf", "oneOf"] {
      guard let parts = rules[key]?.array else { continue }
      let fits = parts.filter { check(value, against: $0, path: path, depth: depth + 1) == nil }
      if fits.isEmpty || (key == "oneOf" && fits.count > 1) {
        return Mismatch(
          path: path,
          reason: fits.isEmpty
            ? "fits none of the \(key) choices" : "fits more than one of the oneOf choices")
      }
    }
    switch value {
    case .object(let object):
      return checkObject(object, rules: rules, path: path, depth: depth)
    case .array(let elements):
      if let minimum = rules["minItems"]?.int, elements.count < minimum {
        return Mismatch(path: path, reason: "expected at least \(minimum) items")
      }
      if let maximum = rules["maxItems"]?.int, elements.count > maximum {
        return Mismatch(path: path, reason: "expected at most \(maximum) items")
      }
      if let items = rules["items"] {
        for (index, element) in elements.enumerated() {
          if let problem = check(
            element, against: items, path: "\(path)[\(index)]", depth: depth + 1)
          {
            return problem
          }
        }
      }
    case .string(let text):
      if let minimum = rules["minLength"]?.int, text.count < minimum {
        return Mismatch(path: path, reason: "expected at least \(minimum) characters")
      }
      if let maximum = rules["maxLength"]?.int, text.count > maximum {
        return Mismatch(path: path, reason: "expected at most \(maximum) characters")
      }
    case .int, .double:
      let number = value.double ?? 0
      if let minimum = rules["minimum"]?.double, number < minimum {
        return Mismatch(path: path, reason: "expected at least \(Self.format(minimum))")
      }
      if let maximum = rules["maximum"]?.double, number > maximum {
        return Mismatch(path: path, reason: "expected at most \(Self.format(maximum))")
      }
    default:
      break
    }
    return nil
  }

  private func checkObject(
    _ object: JSONObject, rules: JSONObject, path: String, depth: Int
  ) -> Mismatch? {
    let properties = rules["properties"]?.object ?? [:]
    for name in rules["required"]?.array?.compactMap(\.string) ?? [] where object[name] == nil {
      return Mismatch(path: path, reason: "missing the required property \"\(name)\"")
    }
    for (name, member) in object {
      let memberPath = path + "." + name
      if let property = properties[name] {
        if let problem = check(member, against: property, path: memberPath, depth: depth + 1) {
          return problem
        }
      } else if let extra = rules["additionalProperties"] {
        if case .bool(false) = extra {
          return Mismatch(path: memberPath, reason: "a property the schema does not allow")
        }
        if let problem = check(member, against: extra, path: memberPath, depth: depth + 1) {
          return problem
        }
      }
    }
    return nil
  }

  private static func isType(_ value: JSONValue, _ name: String) -> Bool {
    switch (name, value) {
    case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool),
      ("null", .null), ("integer", .int), ("number", .int), ("number", .double):
      return true
    case ("integer", .double(let number)):
      return number.rounded() == number
    default:
      return false
    }
  }

  private static func typeName(_ value: JSONValue) -> String {
    switch value {
    case .object: return "an object"
    case .array: return "an array"
    case .string: return "a string"
    case .bool: return "a boolean"
    case .null: return "null"
    case .int, .double: return "a number"
    }
  }

  private static func format(_ number: Double) -> String {
    number.rounded() == number ? String(Int(number)) : String(number)
  }
}
