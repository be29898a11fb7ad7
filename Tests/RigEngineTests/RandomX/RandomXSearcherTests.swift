import RigTestSupport
import Testing
@testable import RigEngine

/// The official vectors through the engine's path: context → dataset → VM → searcher.
@Suite("RandomXSearcher", .serialized, .enabled(if: RandomXTesting.libraryInstalled, RandomXTesting.skipMessage))
struct RandomXSearcherTests {
    /// One light-mode context for the suite: each key's 256 MiB cache is built once per test.
    static let context = RandomXContext(mode: .light, buildThreads: 2)

    @Test("official vectors, light mode", arguments: RandomXTesting.vectors)
    func vectors(_ vector: RandomXTesting.Vector) async throws {
        let searcher = HashKernel.randomxLight.makeSearcher(randomX: Self.context)
        let job = RandomXTesting.job("vector", key: vector.key, input: vector.input)
        #expect(await RandomXTesting.prepare(searcher, for: job))
        #expect(Hex.string(searcher.referenceDigest(of: vector.input)) == vector.hash)
    }

    @Test("pipelined search: nonce at byte 39, candidates' tops match plain hashes")
    func pipelinedSearch() async throws {
        let searcher = HashKernel.randomxLight.makeSearcher(randomX: Self.context)
        let job = RandomXTesting.job("blob", key: "test key 001", input: RandomXTesting.blob)
        searcher.load(input: RandomXTesting.blob)
        #expect(await RandomXTesting.prepare(searcher, for: job))
        let candidates = Array(searcher.search(from: 0, count: 6, targetTop: .max))
        #expect(candidates.map(\.nonce) == Array(0..<6))
        // Nonce 0 is the published blob as it stands.
        #expect(candidates.first?.top == ShareTarget.top(of: Hex.bytes(RandomXTesting.vectors[4].hash)))
        for candidate in candidates {
            var blob = RandomXTesting.blob
            withUnsafeBytes(of: candidate.nonce.littleEndian) { blob.replaceSubrange(39..<43, with: $0) }
            #expect(ShareTarget.top(of: searcher.referenceDigest(of: blob)) == candidate.top)
        }
        // A target below every top reports nothing.
        let lowest = try #require(candidates.map(\.top).min())
        #expect(searcher.search(from: 0, count: 6, targetTop: lowest &- 1).isEmpty || lowest == 0)
    }

    @Test("a job with a new seed gets a new dataset and VM")
    func seedChange() async throws {
        let searcher = HashKernel.randomxLight.makeSearcher(randomX: Self.context)
        let first = RandomXTesting.job("a", key: "test key 000", input: RandomXTesting.vectors[2].input)
        let second = RandomXTesting.job("b", key: "test key 001", input: RandomXTesting.vectors[3].input)
        #expect(await RandomXTesting.prepare(searcher, for: first))
        #expect(Hex.string(searcher.referenceDigest(of: RandomXTesting.vectors[2].input)) == RandomXTesting.vectors[2].hash)
        #expect(await RandomXTesting.prepare(searcher, for: second))
        #expect(Hex.string(searcher.referenceDigest(of: RandomXTesting.vectors[3].input)) == RandomXTesting.vectors[3].hash)
    }

    @Test("full mode gives light mode's hashes (builds the 2 GiB dataset)",
          .enabled(if: RandomXTesting.fullModeEnabled, "not enough memory for full mode, or RIGTOP_FULL_RANDOMX=0"))
    func fullMatchesLight() async throws {
        let full = RandomXContext(mode: .full)
        let searcher = HashKernel.randomxFull.makeSearcher(randomX: full)
        let job = RandomXTesting.job("full", key: "test key 001", input: RandomXTesting.blob)
        searcher.load(input: RandomXTesting.blob)
        #expect(await RandomXTesting.prepare(searcher, for: job, seconds: 900))
        #expect(RandomXModeText.matches(full.status.mode, mode: "full"), "\(full.status.mode ?? "none")")
        #expect(Hex.string(searcher.referenceDigest(of: RandomXTesting.blob)) == RandomXTesting.vectors[4].hash)

        let light = HashKernel.randomxLight.makeSearcher(randomX: Self.context)
        light.load(input: RandomXTesting.blob)
        #expect(await RandomXTesting.prepare(light, for: job))
        let fullTops = searcher.search(from: 100, count: 8, targetTop: .max).map(\.top)
        let lightTops = light.search(from: 100, count: 8, targetTop: .max).map(\.top)
        #expect(fullTops == lightTops)
    }
}
