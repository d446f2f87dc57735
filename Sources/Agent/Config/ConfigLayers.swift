import TOML

/// Tables merged one over another, remembering which layer set each leaf.
struct ConfigLayers {
  private(set) var merged = TOMLTable()
  private(set) var origins: [[String]: ConfigOrigin] = [:]

  /// Lays `table` over what is there: tables merge key by key, anything else replaces.
  mutating func apply(_ table: TOMLTable, origin: (TOMLTable.Entry) -> ConfigOrigin) {
    merged = merge(table, into: merged, path: [], origin: origin)
  }

  mutating func set(_ path: [String], _ value: TOMLValue, origin: ConfigOrigin) {
    var nested = value
    for key in path.dropFirst().reversed() {
      var wrapper = TOMLTable()
      wrapper[key] = nested
      nested = .table(wrapper)
    }
    var table = TOMLTable()
    table[path[0]] = nested
    apply(table) { _ in origin }
  }

  private mutating func merge(
    _ layer: TOMLTable, into base: TOMLTable, path: [String],
    origin: (TOMLTable.Entry) -> ConfigOrigin
  ) -> TOMLTable {
    var result = base
    for entry in layer.entries {
      let childPath = path + [entry.key]
      if let incoming = entry.value.tableValue, !incoming.isEmpty,
        let existing = base[entry.key]?.tableValue
      {
        let mergedChild = merge(incoming, into: existing, path: childPath, origin: origin)
        result.set(
          entry.key, TOMLValue(.table(mergedChild), position: entry.value.position),
          keyPosition: nil)
        continue
      }
      origins = origins.filter { !$0.key.starts(with: childPath) }
      result.set(entry.key, entry.value, keyPosition: entry.keyPosition)
      recordOrigins(entry, path: childPath, origin: origin)
    }
    return result
  }

  private mutating func recordOrigins(
    _ entry: TOMLTable.Entry, path: [String], origin: (TOMLTable.Entry) -> ConfigOrigin
  ) {
    if let table = entry.value.tableValue, !table.isEmpty {
      for child in table.entries { recordOrigins(child, path: path + [child.key], origin: origin) }
    } else {
      origins[path] = origin(entry)
    }
  }

  /// Every leaf (scalar, array or empty table) in document order.
  func leaves() -> [ConfigSetting] {
    var out: [ConfigSetting] = []
    collect(merged, path: [], into: &out)
    return out
  }

  private func collect(_ table: TOMLTable, path: [String], into out: inout [ConfigSetting]) {
    for entry in table.entries {
      let childPath = path + [entry.key]
      if let inner = entry.value.tableValue, !inner.isEmpty {
        collect(inner, path: childPath, into: &out)
      } else {
        out.append(
          ConfigSetting(path: childPath, value: entry.value, origin: origins[childPath] ?? .builtIn)
        )
      }
    }
  }
}
