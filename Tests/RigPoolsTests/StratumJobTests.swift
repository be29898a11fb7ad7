import RigInput
import Testing
import RigTestSupport
import RigEngine
@testable import RigPools

/// Real chain data split into Stratum jobs must hash to the real block hashes.
@Suite struct StratumJobTests {
    /// Display order → header order.
    static func internalOrder(_ display: String) -> [UInt8] { Hex.bytes(display).reversed() }

    /// Header-order prevhash → the word-swapped form pools send in `mining.notify`.
    static func stratumPreviousHash(_ display: String) -> String {
        Hex.string(StratumJob.headerOrder(stratumPreviousHash: internalOrder(display)))
    }

    /// Bitcoin block 1, its coinbase (txid 0e3e2357…) cut around 6 bytes of its scriptSig as if
    /// they were extranonce1 (4 bytes) and extranonce2 (2 bytes).
    static let block1Coinbase = Hex.bytes(
        "01000000010000000000000000000000000000000000000000000000000000000000000000ffffffff0704ffff001d0104ffffffff0100f2052a0100000043410496b538e853519c726a2c91e61ec11600ae1390813a627c66fb8be7947be63c52da7589379515d4e0a604f8141781e62294721166bf621e73a82cbf2342c858eeac00000000")

    static var block1Notify: JSONValue {
        let coinbase = block1Coinbase
        return [
            "1", .string(stratumPreviousHash("000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f")),
            .string(Hex.string(Array(coinbase[0..<43]))), .string(Hex.string(Array(coinbase[49...]))), [],
            "00000001", "1d00ffff", "4966bc61", true,
        ]
    }

    @Test func block1FromANotifyHashesToItsBlockHash() throws {
        let job = try StratumJob(notifyParams: Self.block1Notify)
        let extranonce = StratumExtranonce(extranonce1: Hex.bytes("ffff001d"), extranonce2Size: 2)
        // extranonce2 = roll << 8 | worker, little-endian: worker 1, roll 4 → 01 04.
        let extranonce2 = extranonce.extranonce2(worker: 1, roll: 4)
        #expect(extranonce2 == [0x01, 0x04])
        #expect(job.coinbase(extranonce1: extranonce.extranonce1, extranonce2: extranonce2) == Self.block1Coinbase)
        let header = job.header(extranonce1: extranonce.extranonce1, extranonce2: extranonce2, nonce: 2_573_394_689)
        #expect(Hex.string(header) == "010000006fe28c0ab6f1b372c1a6a246ae63f74f931e8365e15a089c68d6190000000000982051fd1e4ba744bbbe680e1fee14677ba1a3c3540bf7b1cdb606e857233e0e61bc6649ffff001d01e36299")
        #expect(Hex.string(SHA256.doubleHash(header).reversed())
            == "00000000839a8e6886ab5951d76f411475428afc90947ee320161bbf18eb6048")
        // The submit fields as pools read them: the number's hex, most significant first.
        #expect(HexCoding.string(job.time) == "4966bc61")
        #expect(HexCoding.string(UInt32(2_573_394_689)) == "9962e301")
    }

    /// Block 170: coinbase b1fea524… plus one branch (Hal Finney's f4184fc5…) → merkle root 7dac2c56….
    @Test func block170MerkleBranchAndHeader() throws {
        let params: JSONValue = [
            "aa", .string(Self.stratumPreviousHash("000000002a22cfee1f2c846adbd12b3e183d4f97683f85dad08a79780a84bd55")),
            "", "", [.string(Hex.string(Self.internalOrder("f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16")))],
            "00000001", "1d00ffff", "496ab951", false,
        ]
        let job = try StratumJob(notifyParams: params)
        let root = job.merkleRoot(coinbaseHash: Self.internalOrder("b1fea52486ce0c62bb442b530a3f0132b826c74e473d1f2c220bfa78111c5082"))
        #expect(Hex.string(root.reversed()) == "7dac2c5666815c17a3b36427de37bb9d2e2c5ccec3f8633eb91a4205cb4c10ff")
        var header = StratumJob.littleEndian(job.version) + job.previousHash + root
        header += StratumJob.littleEndian(job.time) + StratumJob.littleEndian(job.bits) + StratumJob.littleEndian(0x709e_3e28)
        #expect(Hex.string(SHA256.doubleHash(header).reversed())
            == "00000000d1145790a8694403d4063f323d499e655c83426834d4ce2f8dd4a2ee")
        #expect(job.cleanJobs == false)
    }

    @Test func workersGetDisjointExtranonce2s() {
        let extranonce = StratumExtranonce(extranonce1: [1, 2, 3, 4], extranonce2Size: 4)
        var seen = Set<[UInt8]>()
        for worker in 0..<16 { for roll in UInt32(0)..<16 { seen.insert(extranonce.extranonce2(worker: worker, roll: roll)) } }
        #expect(seen.count == 256)
        #expect(extranonce.extranonce2(worker: 3, roll: 0x0102) == [0x03, 0x02, 0x01, 0x00])
        #expect(StratumExtranonce(extranonce1: [], extranonce2Size: 8).extranonce2(worker: 1, roll: .max).count == 8)
        #expect(StratumExtranonce(extranonce1: [], extranonce2Size: 1).extranonce2(worker: 5, roll: 9) == [5])
    }

    @Test(arguments: [
        JSONValue.array(["1", "00", "", "", [], "00000001", "1d00ffff", "4966bc61", true]),  // short prevhash
        JSONValue.array(["1"]),
        JSONValue.object(["job_id": "1"]),
        JSONValue.array(["1", .string(String(repeating: "0", count: 64)), "zz", "", [], "00000001", "1d00ffff", "4966bc61", true]),
        JSONValue.array(["1", .string(String(repeating: "0", count: 64)), "", "", ["00"], "00000001", "1d00ffff", "4966bc61", true]),
        JSONValue.array(["1", .string(String(repeating: "0", count: 64)), "", "", [], "1", "1d00ffff", "4966bc61", true]),
    ])
    func malformedNotifyIsRejected(_ params: JSONValue) {
        #expect(throws: StratumProtocolError.self) { try StratumJob(notifyParams: params) }
    }

    @Test func scryptDifficultyIsScaledBy65536() {
        let scrypt = PoolWorkSource.target(difficulty: 1, algorithm: .scrypt)
        let sha = PoolWorkSource.target(difficulty: 1, algorithm: .sha256d)
        #expect(sha == ShareTarget.bitcoinDifficultyOne)
        #expect(scrypt == ShareTarget(difficulty: 1.0 / 65_536))
        // Litecoin pools' difficulty 1: 0x0000ffff0000… (cpuminer), 65536 times easier.
        #expect(scrypt.description.hasPrefix("0000ffff0000"))
        #expect(abs(scrypt.expectedHashesPerShare / sha.expectedHashesPerShare - 1.0 / 65_536) < 1e-9)
    }
}

@Suite struct StratumMessageTests {
    @Test func parsesRequestsNotificationsAndResponses() throws {
        #expect(try StratumMessage.parse(#"{"id":null,"method":"mining.set_difficulty","params":[0.5]}"#)
            == .request(id: .null, method: "mining.set_difficulty", params: [0.5]))
        #expect(try StratumMessage.parse(#"{"id":4,"result":true,"error":null}"#)
            == .response(id: 4, result: true, error: nil))
        #expect(try StratumMessage.parse(#"{"id":5,"result":null,"error":[23,"Low difficulty share",null]}"#)
            == .response(id: 5, result: .null, error: StratumError(code: 23, message: "Low difficulty share")))
        #expect(try StratumMessage.parse(#"{"id":1,"jsonrpc":"2.0","error":{"code":-1,"message":"Unauthenticated"}}"#)
            == .response(id: 1, result: .null, error: StratumError(code: -1, message: "Unauthenticated")))
    }

    @Test func serializesIntegersWithoutFractions() {
        let line = StratumMessage.request(id: 7, method: "mining.submit", params: ["u", "j", "00", "4966bc61", "9962e301"]).serialized
        #expect(line == #"{"id":7,"method":"mining.submit","params":["u","j","00","4966bc61","9962e301"]}"#)
        #expect(JSONValue.string("a\"b\\c\n").serialized == #""a\"b\\c\n""#)
    }

    @Test(arguments: ["not json", "[1,2,3]", #"{"foo":1}"#, #"{"method":5}"#, #"{"method":"x","params":7}"#, "{"])
    func badLinesAreProtocolErrors(_ line: String) {
        #expect(throws: StratumProtocolError.self) { try StratumMessage.parse(line) }
    }

    @Test func errorCodesHaveNames() {
        #expect(StratumError(code: 21, message: "Job not found").description == "21 job not found (stale): Job not found")
        #expect(StratumError(code: 22, message: "").description == "22 duplicate share")
        #expect(StratumError(code: 23, message: "x").name == "low difficulty share")
        #expect(StratumError(code: 24, message: "x").name == "unauthorized worker")
        #expect(StratumError(code: 25, message: "x").name == "not subscribed")
        #expect(StratumError(code: 20, message: "x").name == "other/unknown")
        #expect(StratumError(code: 99, message: "x").name == nil)
    }

    @Test func longLinesAreTrimmedForLogs() {
        let trimmed = StratumMessage.trimmed(String(repeating: "x", count: 70_000))
        #expect(trimmed.count < 300)
        #expect(trimmed.hasSuffix("(70000 bytes)"))
    }
}

@Suite struct PoolURLTests {
    @Test func parsesStratumTCP() throws {
        #expect(try PoolURL(parsing: "stratum+tcp://pool.example.com:3333") == PoolURL(host: "pool.example.com", port: 3333))
        #expect(try PoolURL(parsing: " stratum+tcp://127.0.0.1:1/ ") == PoolURL(host: "127.0.0.1", port: 1))
        #expect(try PoolURL(parsing: "stratum+tcp://[::1]:3333") == PoolURL(host: "::1", port: 3333))
        #expect(try PoolURL(parsing: "stratum+tcp://[::1]:3333").description == "stratum+tcp://[::1]:3333")
    }

    @Test func parsesTLSAndAPinnedFingerprint() throws {
        let plain = try PoolURL(parsing: "stratum+ssl://pool.example.com:443")
        #expect(plain == PoolURL(host: "pool.example.com", port: 443, tls: true))
        #expect(plain.description == "stratum+ssl://pool.example.com:443")
        #expect(try PoolURL(parsing: "stratum+tls://pool:443").tls)
        let pinned = try PoolURL(parsing: "stratum+ssl://127.0.0.1:3334#fingerprint=\(TestTLSCertificate.fingerprint)")
        #expect(pinned.tlsFingerprint.map(HexCoding.string) == TestTLSCertificate.fingerprint.filter { $0 != ":" }.lowercased())
        #expect(pinned.description == "stratum+ssl://127.0.0.1:3334")
        #expect(throws: PoolURLError.fingerprintWithoutTLS) { try PoolURL(parsing: "stratum+tcp://pool:3333#fingerprint=00") }
        #expect(throws: PoolURLError.badFingerprint("abc")) { try PoolURL(parsing: "stratum+ssl://pool:443#fingerprint=abc") }
        #expect(throws: PoolURLError.badFingerprint("sha1=00")) { try PoolURL(parsing: "stratum+ssl://pool:443#sha1=00") }
    }

    @Test func loginInTheURLIsPercentDecoded() throws {
        let url = try PoolURL(parsing: "stratum+tcp://us%40er.w1:p%3Ass@pool.example.com:3333")
        #expect(url.user == "us@er.w1")
        #expect(url.password == "p:ss")
        #expect(url.host == "pool.example.com" && url.port == 3333)
        #expect(url.description == "stratum+tcp://pool.example.com:3333")
        let userOnly = try PoolURL(parsing: "stratum+ssl://wallet.rig1@[::1]:443")
        #expect(userOnly.user == "wallet.rig1" && userOnly.password == nil && userOnly.host == "::1")
        #expect(try PoolURL(parsing: "stratum+tcp://a:b:c@h:1").password == "b:c")
        #expect(try PoolURL(parsing: "stratum+tcp://h:1").user == nil)
        let settings = PoolSettings(urls: [url], user: "rigtop", password: "x")
        #expect(settings.description == "stratum+tcp://pool.example.com:3333 as us@er.w1")
        #expect(settings.primaryUser == "us@er.w1")
    }

    @Test(arguments: ["stratum+tcp://us%4@h:1", "stratum+tcp://u:p%zz@h:1", "stratum+tcp://u:%@h:1", "stratum+tcp://%1b@h:1"])
    func malformedLoginIsAClearError(_ text: String) {
        let error = #expect(throws: PoolURLError.self) { try PoolURL(parsing: text) }
        guard case .badLogin = error else { Issue.record("expected badLogin, got \(String(describing: error))"); return }
        #expect(error?.description.contains("is not valid percent-encoding") == true)
        #expect(error?.description.contains("zz") == false, "the password stays out of the message")
    }

    @Test func refusesOtherSchemesClearly() {
        #expect(throws: PoolURLError.unsupportedScheme("http")) { try PoolURL(parsing: "http://pool:80") }
        #expect(throws: PoolURLError.missingScheme("pool:3333")) { try PoolURL(parsing: "pool:3333") }
        #expect(throws: PoolURLError.missingPort("stratum+tcp://pool")) { try PoolURL(parsing: "stratum+tcp://pool") }
        #expect(throws: PoolURLError.badPort("99999")) { try PoolURL(parsing: "stratum+tcp://pool:99999") }
        #expect(throws: PoolURLError.missingHost("stratum+tcp://:3333")) { try PoolURL(parsing: "stratum+tcp://:3333") }
    }
}
