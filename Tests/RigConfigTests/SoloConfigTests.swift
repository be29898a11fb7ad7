import RigConfig
import RigEngine
import RigNode
import Testing

/// A node in a coin's pool list is solo mining, with its payout; mistakes are errors naming the key.
@Suite struct SoloConfigTests {
    @Test func aNodeInThePoolListIsSoloMining() throws {
        let config = try ConfigFile.parse("""
            [pools.LTC]
            urls = ["http://user:secret@127.0.0.1:9332"]
            payout = "ltc1qexample"

            [pools.XMR]
            urls = "daemon+http://127.0.0.1:18081"
            user = "44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A"

            [pools.DOGE]
            urls = ["http://127.0.0.1:22555"]
            payout_script = "51"
            """, file: "config.toml")
        let (litecoin, monero, dogecoin) = (try #require(Coin.named("LTC")), try #require(Coin.named("XMR")),
                                            try #require(Coin.named("DOGE")))
        let ltc = try #require(config.solo(for: litecoin))
        #expect(ltc.node == NodeURL(kind: .blockTemplate, host: "127.0.0.1", port: 9332, user: "user", password: "secret"))
        #expect(ltc.payout == .address("ltc1qexample"))
        #expect(config.pools(for: litecoin) == nil)
        let xmr = try #require(config.solo(for: monero))
        #expect(xmr.node.kind == .moneroDaemon)
        #expect(config.solo(for: dogecoin)?.payout == .script([0x51]))
        #expect(!ltc.description.contains("secret"))
    }

    @Test(arguments: [
        ("urls = [\"http://h:1\"]", "payout"),
        ("urls = [\"http://h:1\", \"stratum+tcp://p:3333\"]\npayout = \"x\"", "one node"),
        ("urls = [\"http://h:99999\"]\npayout = \"x\"", "65535"),
        ("urls = [\"http://h:1\"]\npayout_script = \"zz\"", "hex"),
    ])
    func mistakesAreRefused(body: String, says: String) {
        #expect {
            _ = try ConfigFile.parse("[pools.LTC]\n" + body, file: "config.toml")
        } throws: { error in
            "\(error)".contains(says) && "\(error)".contains("pools.LTC")
        }
    }
}
