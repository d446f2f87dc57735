import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The world a command is given, tried as an attacker would through the real binary:
/// sockets, the terminal, file metadata, protected names that do not exist yet, IPC,
/// secrets in /proc, namespace creation. Each case runs with namespaces and, where the
/// protection does not depend on them, with `CODEX_SANDBOX_NAMESPACES=0` too.
@Suite(.timeLimit(.minutes(10))) struct SandboxWorldTests {
  let base = TestDirectory.path("codex-world")
  var workspace: String { base + "/ws" }
  var outside: String { base + "/outside" }
  let home: String

  init() throws {
    for directory in [base + "/ws", base + "/outside"] {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }
    try "secret\n".write(toFile: base + "/outside/file.txt", atomically: true, encoding: .utf8)
    home = try CodexProcess.makeHome()
  }

  /// `codex sandbox [flags] -- sh -c SCRIPT` in the workspace.
  func sandboxed(
    _ script: String, _ flags: [String] = ["-s", "workspace-write"], namespaces: Bool = true,
    environment: [String: String] = [:], directory: String? = nil
  ) throws -> CodexProcess.Result {
    var env = environment
    env["CODEX_HOME"] = home
    env["CODEX_SANDBOX_NAMESPACES"] = namespaces ? "1" : "0"
    return try CodexProcess.run(
      ["sandbox"] + flags + ["--", "sh", "-c", script], environment: env,
      directory: directory ?? workspace)
  }

  /// A listening unix socket bound by this test process, outside any sandbox.
  func listen(_ path: String) throws -> Int32 {
    let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let bytes = Array(path.utf8)
    try #require(bytes.count < MemoryLayout.size(ofValue: address.sun_path))
    withUnsafeMutableBytes(of: &address.sun_path) {
      for (i, byte) in bytes.enumerated() { $0[i] = byte }
    }
    let length = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count)
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
    }
    try #require(bound == 0, "bind \(path): errno \(errno)")
    try #require(Glibc.listen(fd, 8) == 0)
    return fd
  }

  /// Connects to each socket path given, printing `connected` or `refused ERRNO` per line.
  static let connectProbe = """
    python3 -c '
    import socket, sys
    for path in sys.argv[1:]:
        s = socket.socket(socket.AF_UNIX)
        try:
            s.connect(path); print("connected")
        except OSError as error:
            print("refused", error.errno)
    '
    """

  @Test func socketsBoundOutsideAreUnreachableUnderAWritableRootToo() throws {
    // TMPDIR is a writable root, as /tmp is where tmux and ssh-agent keep their sockets.
    let folder = NSTemporaryDirectory() + "/w-\(UUID().uuidString.prefix(8))"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let inRoot = folder + "/agent.sock"
    let elsewhere = outside + "/bus.sock"
    let sockets = [try listen(inRoot), try listen(elsewhere)]
    defer { sockets.forEach { _ = close($0) } }
    let probe = Self.connectProbe + " \(inRoot) \(elsewhere)"
    let off = try sandboxed(probe)
    #expect(off.stdout.hasPrefix("refused"), "\(off.stdout)\(off.stderr)")
    #expect(off.stdout.split(separator: "\n").filter { $0.hasPrefix("refused") }.count == 2)
    let readOnly = try sandboxed(probe, ["-s", "read-only"])
    #expect(readOnly.stdout.split(separator: "\n").filter { $0.hasPrefix("refused") }.count == 2)
    // Named in allow_unix_sockets: reachable, and only that one.
    let allowed = try sandboxed(
      probe,
      ["-s", "workspace-write", "-c", "sandbox_workspace_write.allow_unix_sockets=[\"\(inRoot)\"]"])
    #expect(allowed.stdout == "connected\nrefused 111\n", "\(allowed.stdout)\(allowed.stderr)")
    let networkOn = try sandboxed(
      probe, ["-s", "workspace-write", "-c", "sandbox_workspace_write.network_access=true"])
    #expect(networkOn.stdout == "connected\nconnected\n", "\(networkOn.stdout)\(networkOn.stderr)")
  }

  @Test func socketsTheCommandMakesItselfStillWork() throws {
    let own = try sandboxed(
      """
      python3 -c '
      import socket
      server = socket.socket(socket.AF_UNIX); server.bind("own.sock"); server.listen(1)
      client = socket.socket(socket.AF_UNIX); client.connect("own.sock")
      peer, _ = server.accept(); client.sendall(b"hello"); print(peer.recv(5).decode())
      a, b = socket.socketpair(); a.sendall(b"pair"); print(b.recv(4).decode())
      '
      """)
    #expect(own.stdout == "hello\npair\n", "\(own.stdout)\(own.stderr)")
  }

  @Test(arguments: [true, false])
  func commandsHaveNoControllingTerminal(namespaces: Bool) throws {
    // codex itself on a terminal (a pseudo-terminal made here), the command asking for it.
    let script = """
      tty; python3 -c '
      import os, fcntl, termios
      try:
          os.open("/dev/tty", os.O_RDWR); print("opened /dev/tty")
      except OSError as error:
          print("/dev/tty:", error.errno)
      try:
          fcntl.ioctl(0, termios.TIOCSTI, b"x"); print("TIOCSTI worked")
      except OSError as error:
          print("TIOCSTI:", error.errno)
      '
      """
    let onTerminal = """
      import os, pty, sys
      pid, fd = pty.fork()
      if pid == 0:
          os.execv(sys.argv[1], sys.argv[1:])
      out = b""
      while True:
          try:
              chunk = os.read(fd, 4096)
          except OSError:
              break
          if not chunk:
              break
          out += chunk
      os.waitpid(pid, 0)
      sys.stdout.write(out.decode(errors="replace").replace("\\r\\n", "\\n"))
      """
    let result = try Spawn.run(
      [
        "python3", "-c", onTerminal, CodexProcess.binary, "sandbox", "-s", "workspace-write", "--",
        "sh", "-c", script,
      ], directory: workspace,
      environment: ProcessInfo.processInfo.environment.merging([
        "CODEX_HOME": home, "CODEX_SANDBOX_NAMESPACES": namespaces ? "1" : "0",
      ]) { $1 }
    ).output
    #expect(result.contains("not a tty"), "\(result)")
    #expect(result.contains("/dev/tty: 6"), "\(result)")  // ENXIO: no controlling terminal
    // EPERM from the filter, before the kernel could say stdin is no terminal (ENOTTY).
    #expect(result.contains("TIOCSTI: 1"), "\(result)")
  }

  @Test(arguments: [["-s", "workspace-write"], ["-s", "read-only"]])
  func metadataOutsideTheWritableRootsCannotChange(flags: [String]) throws {
    let file = outside + "/file.txt"
    var before = stat()
    try #require(stat(file, &before) == 0)
    let result = try sandboxed(
      """
      chmod 4777 \(file) && echo chmod worked
      chown \(getuid()):\(getgid()) \(file) && echo chown worked
      touch -d 2001-02-03 \(file) && echo touch worked
      python3 -c '
      import os, sys
      try:
          os.setxattr(sys.argv[1], "user.codex", b"x"); print("setxattr worked")
      except OSError as error:
          print("setxattr:", error.errno)
      ' \(file)
      """, flags)
    #expect(!result.stdout.contains("worked"), "\(result.stdout)\(result.stderr)")
    var after = stat()
    try #require(stat(file, &after) == 0)
    #expect(after.st_mode == before.st_mode)
    #expect(after.st_mtim.tv_sec == before.st_mtim.tv_sec)
    #expect(
      after.st_ctim.tv_sec == before.st_ctim.tv_sec
        && after.st_ctim.tv_nsec == before.st_ctim.tv_nsec)
  }

  @Test func withoutNamespacesExplainSaysWhatIsNotEnforced() throws {
    let explained = try CodexProcess.run(
      ["sandbox", "-s", "workspace-write", "--explain"],
      environment: ["CODEX_HOME": home, "CODEX_SANDBOX_NAMESPACES": "0"], directory: workspace)
    #expect(explained.status == 0)
    let text = explained.stdout
    #expect(text.contains("file metadata outside the writable roots"), "\(text)")
    #expect(text.contains("not enforced"), "\(text)")
    #expect(text.contains("unix sockets"), "\(text)")
    let full = try CodexProcess.run(
      ["sandbox", "-s", "workspace-write", "--explain"],
      environment: ["CODEX_HOME": home, "CODEX_SANDBOX_NAMESPACES": "1"], directory: workspace)
    #expect(full.stdout.contains("read-only"), "\(full.stdout)")
    #expect(!full.stdout.contains("not enforced: file metadata"), "\(full.stdout)")
  }

  @Test func absentGitAndCodexCannotBeCreatedAndLeaveNothingBehind() throws {
    let result = try sandboxed(
      """
      git init -q . 2>/dev/null && echo git init worked
      mkdir .codex/skills 2>/dev/null && echo mkdir worked
      rmdir .git 2>/dev/null && echo rmdir worked
      mv .codex elsewhere 2>/dev/null && echo rename worked
      echo ok > top.txt && echo top written
      """)
    #expect(result.stdout == "top written\n", "\(result.stdout)\(result.stderr)")
    let entries = try FileManager.default.contentsOfDirectory(atPath: workspace).sorted()
    #expect(entries == ["top.txt"], "\(entries)")
  }

  @Test func aGitRootStaysWritableAtItsTop() throws {
    let repository = base + "/repo"
    try FileManager.default.createDirectory(
      atPath: repository + "/.git", withIntermediateDirectories: true)
    let result = try sandboxed(
      "touch new.txt && echo made; touch .git/config 2>/dev/null && echo git written",
      directory: repository)
    #expect(result.stdout == "made\n", "\(result.stdout)\(result.stderr)")
    #expect(FileManager.default.fileExists(atPath: repository + "/new.txt"))
    #expect(!FileManager.default.fileExists(atPath: repository + "/.codex"))
  }

  @Test(arguments: [true, false])
  func aProtectedNameThatIsALinkCannotBeReplaced(namespaces: Bool) throws {
    let repository = base + "/linked"
    try FileManager.default.createDirectory(
      atPath: repository + "/decoy", withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(
      atPath: repository + "/.codex", withDestinationPath: "decoy")
    let result = try sandboxed(
      """
      rm .codex 2>/dev/null && echo removed
      mv .codex elsewhere 2>/dev/null && echo moved
      mkdir decoy/skills 2>/dev/null && echo written through
      """, namespaces: namespaces, directory: repository)
    #expect(result.stdout == "", "\(result.stdout)\(result.stderr)")
    let link = try FileManager.default.destinationOfSymbolicLink(atPath: repository + "/.codex")
    #expect(link == "decoy")
    #expect(try FileManager.default.contentsOfDirectory(atPath: repository + "/decoy") == [])
  }

  @Test func ipcIsTheCommandsOwn() throws {
    let before = try Spawn.run(["ipcs", "-q"]).output
    let segment = try Spawn.run(["ipcmk", "-M", "4096"]).output
    let id = try #require(
      segment.split(separator: " ").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) })
    defer { _ = try? Spawn.run(["ipcrm", "-m", id]) }
    let result = try sandboxed(
      "ipcmk -Q >/dev/null && echo queue made; ipcs -m | awk '{print $2}' | grep -qx \(id) && echo segment seen"
    )
    #expect(result.stdout == "queue made\n", "\(result.stdout)\(result.stderr)")
    #expect(try Spawn.run(["ipcs", "-q"]).output == before)
  }

  @Test(arguments: [true, false])
  func secretsOfCodexAreNotInProc(namespaces: Bool) throws {
    let secret = "sk-codex-world-\(UUID().uuidString)"
    let result = try sandboxed(
      """
      for p in /proc/[0-9]*; do grep -qa -- '\(secret)' $p/environ 2>/dev/null && echo "found in $p"; done
      env | grep -c -- '\(secret)'
      """, namespaces: namespaces, environment: ["OPENAI_API_KEY": secret, "MY_TOKEN": secret])
    #expect(result.stdout == "0\n", "\(result.stdout)\(result.stderr)")
  }

  @Test func codexsSavedKeyIsEmptyInTheWorld() throws {
    let secret = "sk-saved-\(UUID().uuidString)"
    try "{\"OPENAI_API_KEY\": \"\(secret)\"}".write(
      toFile: home + "/auth.json", atomically: true, encoding: .utf8)
    let result = try sandboxed(
      "cat \"$CODEX_HOME/auth.json\"; echo x > \"$CODEX_HOME/auth.json\" 2>/dev/null",
      ["-s", "read-only"],
      environment: ["CODEX_HOME": home])
    #expect(!result.stdout.contains(secret), "\(result.stdout)")
    #expect(try String(contentsOfFile: home + "/auth.json", encoding: .utf8).contains(secret))
  }

  @Test(arguments: [true, false])
  func namespacesCannotBeMadeThroughClone(namespaces: Bool) throws {
    #if arch(x86_64)
      let result = try sandboxed(
        """
        python3 -c '
        import ctypes, os
        libc = ctypes.CDLL(None, use_errno=True)
        for name, flag in (("user", 0x10000000), ("net", 0x40000000), ("mount", 0x00020000)):
            pid = libc.syscall(56, flag | 17, 0, 0, 0, 0)
            if pid == 0:
                os._exit(0)
            print(name, "made" if pid > 0 else ctypes.get_errno())
        print("clone3", libc.syscall(435, 0, 0), ctypes.get_errno())
        pid = os.fork()
        if pid == 0:
            os._exit(0)
        print("fork", os.waitpid(pid, 0)[1])
        '
        """, namespaces: namespaces)
      #expect(
        result.stdout == "user 1\nnet 1\nmount 1\nclone3 -1 38\nfork 0\n",
        "\(result.stdout)\(result.stderr)")
    #endif
  }
}
