import Testing
@testable import RigAPI

/// The bearer token that unlocks `POST /json_rpc`.
@Suite struct AccessTokenTests {
    @Test func theRightTokenAuthorizes() throws {
        let token = try #require(AccessToken("secret"))
        #expect(token.authorizes("Bearer secret"))
        // Surrounding whitespace in the configured token is trimmed.
        #expect(try #require(AccessToken("  secret\n")).authorizes("Bearer secret"))
    }

    @Test(arguments: [
        nil, "", "secret", "Bearer", "Bearer ", "Bearer secre", "Bearer s", "Bearer secreT", "Bearer Secret",
        "Bearer secretx", "Bearer secret ", " Bearer secret", "bearer secret", "Basic secret", "Bearer  secret",
        "Bearer secret\u{0}", "Bearer \u{0}ecret", "Token secret",
    ] as [String?])
    func otherHeadersDoNot(_ header: String?) throws {
        let token = try #require(AccessToken("secret"))
        #expect(!token.authorizes(header), "\(header.debugDescription)")
    }

    /// The token plus up to 256 more characters never matches (a longer offer must not be read
    /// as a match of its prefix).
    @Test func extendedTokensDoNot() throws {
        let token = try #require(AccessToken("secret"))
        for extra in [1, 2, 7, 64, 255, 256, 257] {
            #expect(!token.authorizes("Bearer secret" + String(repeating: "s", count: extra)), "\(extra) extra")
            #expect(!token.authorizes("Bearer secret" + String(repeating: "\u{0}", count: extra)), "\(extra) NULs")
        }
        #expect(!token.authorizes("Bearer " + String(repeating: "x", count: 1 << 20)))
    }

    @Test func emptyTokensAreNil() {
        #expect(AccessToken("") == nil)
        #expect(AccessToken("   ") == nil)
        #expect(AccessToken("\n\t") == nil)
    }

    @Test func nonASCIITokens() throws {
        let token = try #require(AccessToken("pässwörd"))
        #expect(token.authorizes("Bearer pässwörd"))
        #expect(!token.authorizes("Bearer passwort"))
        #expect(!token.authorizes("Bearer pässwör"))
    }
}
