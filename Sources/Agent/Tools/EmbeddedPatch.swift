/// Recognises `apply_patch` sent through the shell tool, as models often do:
/// `["apply_patch", PATCH]` or `["bash", "-lc", "apply_patch <<'EOF'\n…\nEOF"]`.
public enum EmbeddedPatch {
  /// The patch, when the command is `apply_patch PATCH` or a shell running `apply_patch
  /// <<'EOF'`.
  public static func patchText(in command: [String]) -> String? {
    if command.count == 2, ["apply_patch", "applypatch"].contains(command[0]) { return command[1] }
    guard command.count == 3,
      ["bash", "sh", "zsh"].contains(command[0].split(separator: "/").last.map(String.init) ?? ""),
      ["-c", "-lc"].contains(command[1])
    else { return nil }
    let script = command[2].trimmingCharacters(in: .whitespacesAndNewlines)
    for name in ["apply_patch", "applypatch"]
    where script.hasPrefix(name + " ") || script.hasPrefix(name + "<<") {
      // What follows is a here-document, which the patch parser unwraps.
      return String(script.dropFirst(name.count)).trimmingCharacters(in: .whitespaces)
    }
    return nil
  }
}
