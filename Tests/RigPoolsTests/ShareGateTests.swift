import Testing
@testable import RigEngine
@testable import RigPools

/// The five checks a share passes before a pool source sends it, in their order.
@Suite struct ShareGateTests {
    /// A post as a source keeps one: which job and which input a share under it must have.
    struct Post: Equatable {
        var name: String
        var input: [UInt8]
    }

    static func share(job: String = "j1", nonce: UInt32 = 7, input: [UInt8] = [1, 2, 3]) -> FoundShare {
        FoundShare(jobID: job, algorithm: .sha256d, worker: 0, roll: 0, nonce: nonce, input: input,
                   digest: [UInt8](repeating: 0, count: 32), hashDifficulty: 1)
    }

    @Test func aShareWithNoPostOfItsJobIsStale() {
        let share = Self.share()
        let result = ShareGate.post(for: share, among: [Post](), rebuilds: { _ in true })
        #expect(result == .failure(.movedOn(share)))
        #expect(ShareGate.Refusal.movedOn(share).outcome == .stale)
        #expect(ShareGate.Refusal.movedOn(share).message
            == "stale share for job j1: the pool's jobs have moved on; not sent")
    }

    @Test func aShareNoPostRebuildsFailsLocalVerification() {
        let share = Self.share()
        let posts = [Post(name: "a", input: [9]), Post(name: "b", input: [8])]
        let result = ShareGate.post(for: share, among: posts, rebuilds: { $0.input == share.input })
        #expect(result == .failure(.notRebuilt(share)))
        #expect(ShareGate.Refusal.notRebuilt(share).outcome == .dropped(reason: "failed local verification"))
    }

    @Test func theNewestPostThatRebuildsTheShareIsTheOne() {
        let share = Self.share()
        let posts = [Post(name: "old", input: [1, 2, 3]), Post(name: "new", input: [1, 2, 3]), Post(name: "other", input: [4])]
        let result = ShareGate.post(for: share, among: posts, rebuilds: { $0.input == share.input })
        #expect(result == .success(Post(name: "new", input: [1, 2, 3])))
    }

    @Test func aShareWhoseJobIsNotCurrentIsStaleAndNotMarkedSent() {
        var gate = ShareGate()
        let share = Self.share()
        #expect(gate.admit(share, key: "1/j1/7", client: String?.none) == .failure(.notCurrent(share)))
        #expect(ShareGate.Refusal.notCurrent(share).outcome == .stale)
        // Not current, so not remembered: the same share on a current job still goes.
        #expect(gate.admit(share, key: "1/j1/7", client: "connection 1") == .success("connection 1"))
    }

    @Test func theSameShareGoesOutOnce() {
        var gate = ShareGate()
        let share = Self.share()
        #expect(gate.admit(share, key: "1/j1/7", client: "connection 1") == .success("connection 1"))
        #expect(gate.admit(share, key: "1/j1/7", client: "connection 1") == .failure(.duplicate(share)))
        #expect(ShareGate.Refusal.duplicate(share).outcome == .dropped(reason: "duplicate"))
        #expect(gate.admit(Self.share(nonce: 8), key: "1/j1/8", client: "connection 1") == .success("connection 1"))
        #expect(gate.admit(share, key: "2/j1/7", client: "connection 2") == .success("connection 2"))
    }

    @Test func theMemoryOfSentSharesIsBounded() {
        var gate = ShareGate()
        let share = Self.share()
        for index in 0..<(ShareGate.remembered - 1) {
            #expect(gate.admit(share, key: "k\(index)", client: 1) == .success(1))
        }
        #expect(gate.admit(share, key: "k0", client: 1) == .failure(.duplicate(share)))
        #expect(gate.admit(share, key: "last", client: 1) == .success(1))
        // Full: the next share clears the memory before it is checked, so an old one is forgotten.
        #expect(gate.admit(share, key: "k0", client: 1) == .success(1))
        #expect(gate.admit(share, key: "last", client: 1) == .success(1))
    }

    @Test func aShareThatMissesItsTargetOnReverificationIsDropped() {
        let share = Self.share()
        #expect(ShareGate.verify(share, meetsTarget: true) == nil)
        #expect(ShareGate.verify(share, meetsTarget: false) == .missesTarget(share))
        #expect(ShareGate.Refusal.missesTarget(share).outcome == .dropped(reason: "failed local verification"))
    }

    @Test func aRefusalLogsItsLineAndGivesItsOutcome() {
        let share = Self.share()
        var lines: [String] = []
        let outcome = ShareGate.Refusal.duplicate(share).logged { lines.append($0) }
        #expect(outcome == .dropped(reason: "duplicate"))
        #expect(lines == ["duplicate share for job j1; not sent"])
    }
}
