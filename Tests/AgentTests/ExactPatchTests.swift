import Foundation
import Testing

@testable import Agent

/// The byte-level fast path gives what the full applier gives, whenever it answers.
@Suite struct ExactPatchTests {
  /// A small deterministic generator, so a failure can be replayed from its seed.
  struct Generator {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
  }

  /// Over 200 generated files and patches, the fast path answers for many (else this
  /// would prove nothing) and always as the full applier does.
  @Test func agreesWithTheFullApplier() throws {
    var answered = 0
    for seed in 0..<200 where try check(seed: seed) { answered += 1 }
    #expect(answered >= 50, "the fast path answered only \(answered) of 200")
  }

  /// Whether the fast path answered for this seed; its answer is checked.
  private func check(seed: Int) throws -> Bool {
    var random = Generator(state: UInt64(seed) &+ 1)
    let words = ["alpha", "beta", "", "  indented", "gamma delta", "}", "beta"]
    let count = random.next(30)
    let lines = (0..<count).map { _ in words[random.next(words.count)] }
    let text = lines.joined(separator: "\n") + (random.next(2) == 0 ? "\n" : "")
    var chunks: [PatchChunk] = []
    var position = 0
    while position < lines.count, chunks.count < 4 {
      let start = position + random.next(max(1, lines.count - position))
      let length = min(random.next(3) + 1, lines.count - start)
      guard length > 0 else { break }
      var old = Array(lines[start..<(start + length)])
      if random.next(7) == 0 { old[0] += " (not in the file)" }
      let new = old.map { random.next(2) == 0 ? $0 : $0.uppercased() + "!" }
      let context = random.next(5) == 0 && start > 0 ? lines[start - 1] : nil
      chunks.append(
        PatchChunk(
          context: context, oldLines: old, newLines: new, isEndOfFile: random.next(6) == 0,
          line: 1))
      position = start + length
    }
    if random.next(8) == 0 {
      chunks.append(
        PatchChunk(context: nil, oldLines: [], newLines: ["appended"], isEndOfFile: false, line: 1))
    }
    let applier = PatchApplier(workingDirectory: "/")
    let full = try? applier.fullNewText(applying: chunks, to: text, path: "f")
    guard let fast = ExactPatch.apply(chunks, to: text) else { return false }
    #expect(fast == full, "seed \(seed): \(chunks)")
    return true
  }

  /// Removing every line leaves an empty file on both paths, not a lone line break.
  @Test func removingEveryLineLeavesAnEmptyFile() throws {
    let chunk = PatchChunk(
      context: nil, oldLines: ["a", "b"], newLines: [], isEndOfFile: false, line: 1)
    #expect(ExactPatch.apply([chunk], to: "a\nb\n") == "")
    let applier = PatchApplier(workingDirectory: "/")
    #expect(try applier.fullNewText(applying: [chunk], to: "a\nb\n", path: "f") == "")
  }

  @Test func leavesWindowsLineEndingsAndLooseMatchesToTheFullApplier() {
    let chunk = PatchChunk(
      context: nil, oldLines: ["a"], newLines: ["b"], isEndOfFile: false, line: 1)
    #expect(ExactPatch.apply([chunk], to: "a\r\nz\r\n") == nil)
    #expect(ExactPatch.apply([chunk], to: "a  \nz\n") == nil)
    #expect(ExactPatch.apply([chunk], to: "a\nz\n") == "b\nz\n")
  }
}
