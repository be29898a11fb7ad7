import RigEngine
import RigPools
import RigInput
@testable import RigNode
import Testing

@Suite struct BlockAssemblyTests {
    /// BIP 34 heights as Bitcoin Core's `CScript() << height` writes them.
    @Test(arguments: [
        (1, "51"), (16, "60"), (17, "0111"), (127, "017f"), (128, "028000"), (255, "02ff00"), (256, "020001"),
        (432, "02b001"), (500_000, "0320a107"), (8_388_608, "0400008000"),
    ])
    func heightScript(height: Int, hex: String) {
        #expect(HexCoding.string(TransactionBytes.scriptNumber(height)) == hex)
    }

    /// Bitcoin block 100 000: four transactions and the merkle root in its header.
    @Test func merkleBranchGivesBlock100000sRoot() {
        let txids = [
            "8c14f0db3df150123e6f3dbbf30f8b955a8249b62ac1d1ff16284aefa3d06d87",
            "fff2525b8931402dd09222c50775608f75787bd2b87e56995a7bdd30f79702c4",
            "6359f0868171b1d194cbee1af2f16ea598ae8fad666d9b012c8ed2b79a236ec4",
            "e9a66845e05d5abc0ad04ec80f774a7e585c6e8db975962d069a522137b80c1d",
        ].map { Array((HexCoding.bytes($0) ?? []).reversed()) }
        var root = txids[0]
        for sibling in BlockAssembly.merkleBranch(Array(txids.dropFirst())) { root = SHA256.doubleHash(root + sibling) }
        #expect(HexCoding.string(root.reversed()) == "f3e94742aca4b5ef85488dc37c06c3282295ffec960994b2c0d5ac2a25a95766")
    }

    /// Odd levels duplicate their last hash: three transactions.
    @Test func oddLevelsDuplicateTheLastHash() {
        let a = [UInt8](repeating: 1, count: 32), b = [UInt8](repeating: 2, count: 32), c = [UInt8](repeating: 3, count: 32)
        var root = a
        for sibling in BlockAssembly.merkleBranch([b, c]) { root = SHA256.doubleHash(root + sibling) }
        #expect(root == SHA256.doubleHash(SHA256.doubleHash(a + b) + SHA256.doubleHash(c + c)))
    }

    /// Compact targets: Bitcoin's difficulty 1 and Litecoin regtest's.
    @Test func compactTargets() {
        #expect(ShareTarget(compact: 0x1d00_ffff) == ShareTarget.bitcoinDifficultyOne)
        #expect(ShareTarget(compact: 0x207f_ffff).description == "7fffff" + String(repeating: "0", count: 58))
        #expect(ShareTarget(compact: 0x0380_0000).words.allSatisfy { $0 == 0 }, "negative encodings are zero")
    }

    static let template: JSONValue = [
        "version": 536_870_912, "previousblockhash": .string(String(repeating: "ab", count: 32)),
        "transactions": [], "coinbasevalue": 5_000_000_000, "bits": "207fffff", "curtime": 1_796_188_850,
        "height": 2, "target": .string("7fffff" + String(repeating: "0", count: 58)),
        "default_witness_commitment": "6a24aa21a9ede2f61c3f71d1defd3fa999dfa36953755c690689799962b48bebd836974e8cf9",
        "longpollid": "abc",
    ]

    /// A coinbase with a witness commitment carries the segwit marker and the reserved value; its
    /// txid hashes the form without them.
    @Test func coinbaseWitnessAndTxid() throws {
        let template = try BlockTemplate(json: Self.template)
        let assembly = BlockAssembly(template: template, payoutScript: [0x51], tag: [9, 9, 9, 9])
        let stripped = assembly.coinbase(worker: 3, roll: 7)
        let full = assembly.blockCoinbase(worker: 3, roll: 7)
        #expect(full.count == stripped.count + 2 + 2 + 32)
        #expect(Array(full[4..<6]) == [0x00, 0x01])
        // scriptSig: OP_2, then a push of 12 bytes: tag, worker 3, roll 7.
        #expect(Array(stripped[41..<56]) == [14, 0x52, 12, 9, 9, 9, 9, 3, 0, 0, 0, 7, 0, 0, 0])
        #expect(assembly.merkleRoot(worker: 3, roll: 7) == SHA256.doubleHash(stripped))
        let header = assembly.header(worker: 3, roll: 7, nonce: 0x0102_0304)
        #expect(header.count == 80)
        #expect(Array(header[76..<80]) == [4, 3, 2, 1])
        #expect(assembly.header(worker: 4, roll: 7) != assembly.header(worker: 3, roll: 7))
        let block = assembly.block(header: header, worker: 3, roll: 7)
        #expect(block == header + [1] + full)
    }

    /// Hostile templates are errors, never traps.
    @Test(arguments: [
        ("height", JSONValue.number(1e300)), ("height", .number(-1)), ("height", .string("2")),
        ("coinbasevalue", .number(.infinity)), ("curtime", .number(4_294_967_296)), ("bits", "7fffff"),
        ("previousblockhash", "ab"), ("transactions", JSONValue.array([["data": "zz", "txid": "00"]])), ("mweb", .number(1)),
        ("version", .number(1e300)), ("target", .object([:])),
    ])
    func hostileTemplates(field: String, value: JSONValue) {
        guard case .object(var members) = Self.template else { return }
        members[field] = value
        #expect(throws: NodeRPCError.self) { try BlockTemplate(json: .object(members)) }
    }
}

@Suite struct NodeReplyTests {
    @Test func errorObjectsAndStatuses() {
        func result(_ status: Int, _ body: String) -> Result<JSONValue, NodeRPCError> {
            Result { () throws(NodeRPCError) in try NodeRPC.result(of: NodeHTTP.Reply(status: status, body: Array(body.utf8))) }
        }
        #expect(result(200, #"{"result":null,"error":null,"id":"rigtop"}"#) == .success(.null))
        #expect(result(401, "") == .failure(.unauthorized))
        #expect(result(500, #"{"result":null,"error":{"code":-9,"message":"Litecoin Core is not connected!"}}"#)
            == .failure(.rpc(code: -9, message: "Litecoin Core is not connected!")))
        #expect(result(500, #"{"result":null,"error":{"code":1e300,"message":"x"}}"#) == .failure(.badReply("error without a usable code: x")))
        #expect(result(200, #"{"result":null,"error":"boom"}"#) == .failure(.badReply(#"error is not an object: "boom""#)))
        #expect(result(200, "[1]") == .failure(.badReply("not a JSON object: [1]")))
        #expect(result(503, "") == .failure(.httpStatus(503)))
        #expect(result(200, #"{"error":{"code":-10,"message":"\u001b[2Jsync"}}"#) == .failure(.rpc(code: -10, message: #"\u{1B}[2Jsync"#)))
    }

    @Test func nodeURLs() throws {
        let url = try NodeURL(parsing: "http://user:pa:ss@127.0.0.1:9332/")
        #expect(url == NodeURL(kind: .blockTemplate, host: "127.0.0.1", port: 9332, user: "user", password: "pa:ss"))
        #expect(url.description == "http://127.0.0.1:9332")
        let encoded = try NodeURL(parsing: "http://us%40er:p%3Ass@127.0.0.1:9332")
        #expect(encoded.user == "us@er" && encoded.password == "p:ss")
        #expect(throws: NodeURLError.badLogin(PercentEncodingError(field: "node URL's password",
                                                                    reason: "a % must be followed by two hex digits"))) {
            try NodeURL(parsing: "http://u:100%@h:1")
        }
        #expect(try NodeURL(parsing: "daemon+http://[::1]:18081").description == "daemon+http://[::1]:18081")
        #expect(throws: NodeURLError.badPort("99999")) { try NodeURL(parsing: "http://h:99999") }
        #expect(throws: NodeURLError.missingPort) { try NodeURL(parsing: "http://host") }
        #expect(throws: NodeURLError.path("/wallet/x")) { try NodeURL(parsing: "http://h:1/wallet/x") }
        #expect(NodeURL.isNodeURL("HTTP://h:1") && !NodeURL.isNodeURL("stratum+tcp://h:1"))
    }
}
