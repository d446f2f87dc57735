// codex-fuzz TARGET [FILE|DIRECTORY]...
//
// Built by scripts/fuzz with -sanitize=fuzzer (and FUZZING defined), it hands the
// target to libFuzzer, whose options follow the target's name. Built plainly, it runs
// the target once on each file given (a directory stands for its files), which is how a
// saved crash is reproduced under a debugger.
import Foundation
import FuzzTargets

nonisolated(unsafe) var selected: FuzzTarget?
var arguments = CommandLine.arguments
guard arguments.count >= 2, let target = FuzzTarget.named(arguments[1]) else {
  let names = FuzzTarget.all.map(\.name).joined(separator: ", ")
  FileHandle.standardError.write(
    Data("usage: codex-fuzz TARGET [INPUT...]; targets: \(names)\n".utf8))
  exit(2)
}
selected = target

/// libFuzzer's entry point, also defined so the fuzzer runtime's own `main` links.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  selected?.run(bytes)
  return 0
}

#if FUZZING
  @_silgen_name("LLVMFuzzerRunDriver")
  func runDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
  ) -> Int32

  // libFuzzer reads the remaining arguments as its own options and corpus folders.
  arguments.remove(at: 1)
  var argc = Int32(arguments.count)
  var cArguments = arguments.map { strdup($0) } + [nil]
  let status = cArguments.withUnsafeMutableBufferPointer { buffer in
    var argv = buffer.baseAddress!
    return runDriver(&argc, &argv, fuzzOne)
  }
  exit(status)
#else
  var files: [String] = []
  for path in arguments.dropFirst(2) {
    var isDirectory: ObjCBool = false
    _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
    if isDirectory.boolValue {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
      files += names.sorted().map { path + "/" + $0 }
    } else {
      files.append(path)
    }
  }
  for file in files {
    guard let data = FileManager.default.contents(atPath: file) else {
      FileHandle.standardError.write(Data("cannot read \(file)\n".utf8))
      exit(1)
    }
    // Unbuffered, so the input that crashes is the last one named.
    FileHandle.standardError.write(Data((file + "\n").utf8))
    target.run(Array(data))
  }
#endif
