import TOML
import Testing

@Suite(.timeLimit(.minutes(10))) struct TOMLDecoderTests {
  struct Server: Decodable, Equatable {
    var command: String
    var args: [String]?
    var timeout: Int?
  }

  struct Config: Decodable {
    var model: String?
    var retries: UInt8?
    var servers: [String: Server]
  }

  @Test func decodesNestedStructures() throws {
    let table = try TOMLParser().parse(
      "model = \"o3\"\nretries = 3\n[servers.docs]\ncommand = \"npx\"\nargs = [\"-y\", \"docs\"]\n")
    let config = try TOMLDecoder().decode(Config.self, from: table)
    #expect(config.model == "o3")
    #expect(config.retries == 3)
    #expect(config.servers["docs"] == Server(command: "npx", args: ["-y", "docs"], timeout: nil))
  }

  @Test func typeErrorsNameKeyPathAndPosition() throws {
    let table = try TOMLParser(sourceName: "c.toml").parse("[servers.docs]\ncommand = 42\n")
    let error = #expect(throws: TOMLError.self) {
      try TOMLDecoder(sourceName: "c.toml").decode(Config.self, from: table)
    }
    #expect(error?.summary == "c.toml:2:11: servers.docs.command: expected a string, found integer")
  }

  @Test func outOfRangeAndMissingKeys() throws {
    let table = try TOMLParser().parse("retries = 300\n[servers.a]\n")
    let error = #expect(throws: TOMLError.self) {
      try TOMLDecoder().decode(Config.self, from: table)
    }
    #expect(error?.message.contains("retries: 300 is out of range") == true)
    let missing = try TOMLParser().parse("[servers.a]\nargs = []\n")
    let second = #expect(throws: TOMLError.self) {
      try TOMLDecoder().decode(Config.self, from: missing)
    }
    #expect(second?.message == "servers.a: missing required key `command`")
    #expect(second?.position.line == 1)
  }
}
