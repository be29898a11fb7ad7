import RigEngine
import RigPools
import RigNode
import RigTestSupport
import Testing

/// Every byte from a node is hostile: replies no real node sends become a clear log line, the
/// session is dropped and retried, and nothing traps.
@Suite struct HostileNodeTests {
    static let template = """
        {"version":536870912,"previousblockhash":"\(String(repeating: "ab", count: 32))","transactions":[],\
        "coinbasevalue":5000000000,"bits":"207fffff","curtime":1796188850,"height":HEIGHT,\
        "target":"7fffff\(String(repeating: "0", count: 58))"}
        """

    /// The node's reply to each method, and the log line the source must write.
    @Test(arguments: [
        ("getblocktemplate", 200, #"{"result":\#(template.replacingOccurrences(of: "HEIGHT", with: "1e300")),"error":null}"#,
         "getblocktemplate height: 1e+300 is not usable"),
        ("getblocktemplate", 500, #"{"result":null,"error":"boom"}"#, #"error is not an object: "boom""#),
        ("getblocktemplate", 500, #"{"result":null,"error":{"code":1e300,"message":"x"}}"#, "error without a usable code"),
        ("getblocktemplate", 200, "\u{1B}[2J not json", #"not a JSON object: \u{1B}[2J not json"#),
        ("getblocktemplate", 200, #"{"result":{"height":-1},"error":null}"#, "getblocktemplate version"),
        ("getblocktemplate", 401, "", "HTTP 401"),
        ("validateaddress", 200, #"{"result":{"isvalid":false},"error":null}"#, "is not valid on its network"),
        ("validateaddress", 200, #"{"result":{"isvalid":true,"scriptPubKey":1e300},"error":null}"#, "gave no scriptPubKey"),
    ])
    func hostileRepliesAreSaidAndRetried(method: String, status: Int, body: String, says: String) async throws {
        let good = #"{"result":{"isvalid":true,"scriptPubKey":"51"},"error":null}"#
        let node = try await FakeNode { asked in
            asked == method ? (status, body) : asked == "validateaddress" ? (200, good) : (500, #"{"result":null,"error":{"code":-1,"message":"no"}}"#)
        }
        let lines = LogLines()
        var timing = PoolTiming()
        timing.initialBackoff = 0.1
        timing.maximumBackoff = 0.2
        let url = NodeURL(kind: .blockTemplate, host: "127.0.0.1", port: node.port, user: "u", password: "p")
        let source = BlockTemplateWorkSource(rpc: NodeRPC(url: url, callTimeout: 10), algorithm: .scrypt,
                                             payout: .address("rltc1qexample"), timing: timing, log: { lines.append($0) })
        let engine = try SoloMining.engine(source)
        await engine.send(.pause)
        let blocks = try await SoloMining.mine(engine, until: "the line about \(method)", seconds: 180, log: lines) {
            lines.all.contains { $0.contains(says) }
        }
        #expect(blocks.found == 0)
        #expect(lines.all.allSatisfy { !$0.contains("\u{1B}") }, "no escape code reaches the log")
        await node.stop()
    }
}
