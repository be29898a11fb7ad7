import Testing
@testable import RigMiners

@Suite struct MinerEndpointTests {
    @Test(arguments: [
        ("cgminer://10.0.0.7:4028", MinerEndpoint(kind: .cgminer, host: "10.0.0.7", port: 4028)),
        ("cgminer://antminer.lan", MinerEndpoint(kind: .cgminer, host: "antminer.lan", port: 4028)),
        ("xmrig://s3cret@127.0.0.1:18088", MinerEndpoint(kind: .xmrig, host: "127.0.0.1", port: 18088, token: "s3cret")),
        ("XMRIG://[::1]:8080/", MinerEndpoint(kind: .xmrig, host: "::1", port: 8080)),
        ("cpuminer://box:4048", MinerEndpoint(kind: .cpuminer, host: "box", port: 4048)),
        ("lolminer://rig3:8020", MinerEndpoint(kind: .lolminer, host: "rig3", port: 8020)),
        ("trex://rig4", MinerEndpoint(kind: .trex, host: "rig4", port: 4067)),
        ("GMiner://[fd00::7]:10555", MinerEndpoint(kind: .gminer, host: "fd00::7", port: 10555)),
    ])
    func parses(_ text: String, _ expected: MinerEndpoint) throws {
        #expect(try MinerEndpoint.parse(text) == expected)
    }

    @Test(arguments: [
        "10.0.0.7:4028", "http://10.0.0.7", "lolminer://x", "gminer://x", "trex://tok@x:4067", "nbminer://x:1", "cgminer://:4028", "cgminer://h:0", "cgminer://h:65536",
        "cgminer://h:1e3", "cgminer://h:-1", "cgminer://h:4028/summary", "cgminer://tok@h:4028", "xmrig://@h:1",
        "xmrig://a b@h:1", "xmrig://h:99999999999999999999999", "cgminer://[::1", "cgminer://h\u{1B}[2J:4028",
    ])
    func refuses(_ text: String) {
        #expect(throws: MinerEndpointError.self) { try MinerEndpoint.parse(text) }
    }

    @Test func theTokenIsNeverShown() throws {
        let endpoint = try MinerEndpoint.parse("xmrig://s3cret@127.0.0.1:18088")
        #expect(endpoint.display == "xmrig://127.0.0.1:18088")
        #expect(!endpoint.display.contains("s3cret"))
    }
}
