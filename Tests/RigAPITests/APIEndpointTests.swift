import Testing
@testable import RigAPI

/// `--api [HOST:]PORT` and friends.
@Suite struct APIEndpointTests {
    @Test(arguments: [
        ("4028", "127.0.0.1", 4028),
        ("0", "127.0.0.1", 0),
        ("65535", "127.0.0.1", 65_535),
        ("0.0.0.0:4028", "0.0.0.0", 4028),
        ("127.0.0.2:80", "127.0.0.2", 80),
        ("localhost:8080", "localhost", 8080),
        ("[::1]:8080", "::1", 8080),
        ("[::]:4048", "::", 4048),
        ("rig-1.lan:4048", "rig-1.lan", 4048),
        ("00080", "127.0.0.1", 80),
    ])
    func parses(_ text: String, _ host: String, _ port: Int) throws {
        let endpoint = try APIEndpoint(parsing: text)
        #expect(endpoint.host == host)
        #expect(endpoint.port == port)
    }

    @Test(arguments: [
        "", "99999", "65536", "-1", "abc", "host:", ":80", "1e3", " 80", "80 ", "4028\n", "0x50", "١٢٣",
        "[::1]", "[::1]8080", "[::1:8080", "::1:8080x", "host:port", "a b:80", "evil/host:80", "host;rm:80",
        "999999999999999999999", "[]:80", "٨٠",
        "127.0.0.1:47300:1", "256.1.1.1:47300", "1.2.3:80", "1.2.3.4.5:80", "[not-v6]:80", "-host:80", "a..b:80",
    ])
    func rejects(_ text: String) {
        #expect(throws: APIEndpointError.self, "\(text.debugDescription)") { try APIEndpoint(parsing: text) }
    }

    @Test("a mistyped address is said to be not an address, before any token question", arguments: [
        ("127.0.0.1:47300:1", "an IPv6 address goes in brackets"),
        ("256.1.1.1:47300", "'256.1.1.1' is not an IPv4 address"),
    ])
    func notAnAddress(_ text: String, _ says: String) {
        do {
            _ = try APIEndpoint(parsing: text)
            Issue.record("parsed \(text)")
        } catch {
            #expect(error.description.contains("not an address"))
            #expect(error.description.contains(says), "\(error)")
        }
    }

    @Test func errorsSayWhy() {
        do {
            _ = try APIEndpoint(parsing: "host:99999")
            Issue.record("parsed")
        } catch {
            #expect(error.description == "invalid API address 'host:99999': the port must be a number from 0 to 65535")
        }
    }

    @Test func loopback() throws {
        #expect(try APIEndpoint(parsing: "4028").isLoopback)
        #expect(try APIEndpoint(parsing: "127.0.0.1:1").isLoopback)
        #expect(try APIEndpoint(parsing: "127.1.2.3:1").isLoopback)
        #expect(try APIEndpoint(parsing: "localhost:1").isLoopback)
        #expect(try APIEndpoint(parsing: "[::1]:1").isLoopback)
        #expect(try !APIEndpoint(parsing: "0.0.0.0:1").isLoopback)
        #expect(try !APIEndpoint(parsing: "[::]:1").isLoopback)
        #expect(try !APIEndpoint(parsing: "192.168.1.5:1").isLoopback)
        // A host name that merely starts with "127." can resolve to any address, so it must count
        // as a network address (which needs a token).
        let named = try APIEndpoint(parsing: "127.example.com:1")
        #expect(!named.isLoopback)
    }

    @Test func description() throws {
        #expect(try APIEndpoint(parsing: "4028").description == "127.0.0.1:4028")
        #expect(try APIEndpoint(parsing: "[::1]:8080").description == "[::1]:8080")
        #expect(APIEndpoint(port: 1).host == "127.0.0.1")
    }
}
