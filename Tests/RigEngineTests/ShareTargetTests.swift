import Testing
@testable import RigEngine

@Suite("ShareTarget")
struct ShareTargetTests {
    @Test("difficulty 1 is Bitcoin's 0x00000000ffff0000… target")
    func difficultyOne() {
        #expect(ShareTarget(difficulty: 1) == .bitcoinDifficultyOne)
        #expect(ShareTarget(difficulty: 1).description == "00000000ffff" + String(repeating: "0", count: 52))
    }

    @Test("difficulty scales the target down", arguments: [2.0, 16.0, 1024.0, 65536.0, 1e6, 1e12])
    func scaling(difficulty: Double) {
        let target = ShareTarget(difficulty: difficulty)
        #expect(abs(target.difficulty / difficulty - 1) < 1e-6)
    }

    @Test("scrypt pools' difficulty is 65536 times smaller")
    func scryptScale() {
        #expect(ShareTarget(difficulty: 65536, scale: 65536) == .bitcoinDifficultyOne)
        #expect(ShareTarget(difficulty: 1, scale: 65536).words[7] == 0x0000_ffff)
    }

    @Test("expected hashes per share round-trips")
    func expectedHashes() {
        for hashes in [1e3, 1e6, 5e7, 1e12, 1e20] {
            let target = ShareTarget(expectedHashesPerShare: hashes)
            #expect(abs(target.expectedHashesPerShare / hashes - 1) < 1e-6)
        }
    }

    @Test("a digest meets the target up to equality, compared from the top word down")
    func comparison() {
        let target = ShareTarget(words: [5, 0, 0, 0, 0, 0, 0, 0x0000_00ff])
        func digest(_ words: [UInt32]) -> [UInt8] { words.flatMap { withUnsafeBytes(of: $0.littleEndian, Array.init) } }
        #expect(target.isMet(by: digest([5, 0, 0, 0, 0, 0, 0, 0xff])))
        #expect(!target.isMet(by: digest([6, 0, 0, 0, 0, 0, 0, 0xff])))
        #expect(target.isMet(by: digest([0xffff_ffff, 0, 0, 0, 0, 0, 0, 0xfe])))
        #expect(!target.isMet(by: digest([0, 0, 0, 0, 0, 0, 0, 0x100])))
    }
}
