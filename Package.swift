// swift-tools-version:6.0
import PackageDescription

// Dependencies point one way: TOML and Sandbox at the bottom, Agent above them,
// Commands above Agent, Repl above Commands, the `codex` executable on top.
let package = Package(
  name: "codex",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "codex", targets: ["codex"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
  ],
  targets: [
    // System libraries' headers (Debian: libcurl4-openssl-dev, libedit-dev, libseccomp-dev).
    // Nothing links them: the shims below load each on first use (dlopen), so start-up
    // maps none of them and a missing one is an error naming its package.
    .systemLibrary(name: "CCurl"),
    .systemLibrary(name: "CEditLine"),
    .systemLibrary(name: "CSeccomp"),
    // Typed wrappers for the libcurl calls Swift cannot make (variadic functions).
    .target(name: "CCurlShim", dependencies: ["CCurl"]),
    // A line editor over libedit's native API (el_set and history are variadic) and the
    // SIGINT handler it needs.
    .target(name: "CEditLineShim", dependencies: ["CEditLine"]),
    // The sandboxed spawn, which must run in a vfork child, the Landlock, seccomp and
    // namespace system calls, and file writes confined beneath a directory (openat2).
    .target(name: "CSandbox", dependencies: ["CSeccomp"]),

    .target(name: "TOML"),
    .target(name: "Sandbox", dependencies: ["CSandbox"]),
    .target(
      name: "Agent",
      dependencies: [
        "TOML", "Sandbox", "CSandbox", "CCurlShim", "CCurl",
        .product(name: "Logging", package: "swift-log"),
      ]),
    .target(
      name: "Commands",
      dependencies: [
        "Agent", "Sandbox", "TOML", .product(name: "Logging", package: "swift-log"),
      ]),
    .target(name: "Repl", dependencies: ["Commands", "Agent", "Sandbox", "CEditLineShim"]),
    .executableTarget(
      name: "codex",
      dependencies: [
        "Repl", "Commands", "Agent", "Sandbox", "TOML",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      // Release builds are position independent (address randomisation) and still start
      // fast: their relative relocations are packed (DT_RELR, glibc 2.36+), so the
      // loader applies a compact bitmap instead of some 80 000 entries at each start
      // (scripts/build also links the Swift runtime and Foundation in,
      // --static-swift-stdlib). Debug builds, and so the tests, link as usual.
      linkerSettings: [
        .unsafeFlags(
          ["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"],
          .when(configuration: .release))
      ]
    ),

    // Helpers shared by the test targets (local servers the tests start and stop).
    .target(name: "TestSupport", path: "Tests/TestSupport"),
    // The parsers under fuzzing, and `codex-fuzz`, which hands them to libFuzzer when
    // scripts/fuzz builds it with -sanitize=fuzzer and replays saved inputs otherwise.
    .target(
      name: "FuzzTargets", dependencies: ["TOML", "Agent", "Commands"], path: "Tests/FuzzTargets"),
    .executableTarget(name: "codex-fuzz", dependencies: ["FuzzTargets"], path: "Tests/Fuzz"),
    .testTarget(name: "TOMLTests", dependencies: ["TOML", "TestSupport"]),
    .testTarget(name: "SandboxTests", dependencies: ["Sandbox"]),
    .testTarget(
      name: "AgentTests",
      dependencies: [
        "Agent", "Sandbox", "TestSupport", .product(name: "Logging", package: "swift-log"),
      ]),
    .testTarget(name: "CommandsTests", dependencies: ["Commands", "Agent", "TOML"]),
    .testTarget(name: "ReplTests", dependencies: ["Repl", "Agent"]),
    .testTarget(name: "FuzzRegressionTests", dependencies: ["codex-fuzz", "TestSupport"]),
    .testTarget(
      name: "CLITests", dependencies: ["codex", "TestSupport"],
      exclude: ["Fixtures"]),
  ]
)
