import Testing
import RigTestSupport
@testable import RigEngine

@Suite("SHA-256 (FIPS 180-4)")
struct SHA256Tests {
    @Test("FIPS 180-4 / NIST example messages", arguments: [
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func example(message: String, digest: String) {
        #expect(Hex.string(SHA256.hash(Array(message.utf8))) == digest)
    }

    @Test("one million 'a' (FIPS 180-4 long message)")
    func millionA() {
        var hasher = SHA256()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { hasher.update(chunk) }
        #expect(Hex.string(hasher.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("Bitcoin genesis header double-hashes to block 0's hash")
    func bitcoinGenesis() {
        let digest = SHA256.doubleHash(Genesis.bitcoinHeader)
        #expect(Hex.string(digest.reversed()) == Genesis.bitcoinHash)
        // And it meets its own compact target 0x1d00ffff (difficulty 1).
        #expect(ShareTarget.bitcoinDifficultyOne.isMet(by: digest))
    }

    @Test("Litecoin genesis block hash (SHA-256d of its header)")
    func litecoinBlockHash() {
        #expect(Hex.string(SHA256.doubleHash(Genesis.litecoinHeader).reversed()) == Genesis.litecoinBlockHash)
    }

    @Test("midstate continues to the same digest")
    func midstate() {
        var rng = SplitMix64(state: 1)
        let header = rng.bytes(80)
        var state = SHA256.midstate(of: header)
        var block = Array(header[64..<80]) + [0x80] + [UInt8](repeating: 0, count: 39)
        block += [0, 0, 0, 0, 0, 0, 0x02, 0x80]  // 640 bits
        block.withUnsafeBufferPointer { SHA256.compress(&state, block: $0) }
        #expect(SHA256.bytes(of: state) == SHA256.hash(header))
    }
}
