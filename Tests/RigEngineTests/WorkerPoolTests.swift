import Synchronization
import Testing
@testable import RigEngine
import RigTestSupport

/// Runs a real pool: threads, job board, thread-count and pause changes.
@Suite("WorkerPool", .serialized)
struct WorkerPoolTests {
    static func waitUntil(_ seconds: Double = 60, _ condition: () -> Bool) async -> Bool {
        await eventually(seconds, every: .milliseconds(10), condition)
    }

    @Test("planted shares are found with the right nonce and re-verified")
    func plantedShares() async throws {
        let shares = Mutex<[FoundShare]>([])
        let kernel = try #require(HashAlgorithm.sha256d.availableKernels.first)
        let pool = WorkerPool(kernels: KernelChoice([.sha256d: kernel]), pin: false) { share in
            shares.withLock { $0.append(share) }
        }
        // Plant a share: the target is the lowest top word among the first 4096 nonces of a random
        // header, so exactly that nonce qualifies in the range the worker searches first.
        var rng = SplitMix64(state: 7)
        let header = rng.bytes(80)
        let tops = KernelTests.referenceTops(header: header, first: 0, count: 4096, algorithm: .sha256d)
        let best = try #require(tops.indices.min { tops[$0] < tops[$1] })
        let target = ShareTarget(words: Array(repeating: .max, count: 7) + [tops[best]])
        pool.post(MiningJob(id: "planted", algorithm: .sha256d, target: target) { _, _ in header })
        pool.setThreadCount(1)
        #expect(await Self.waitUntil(30) { shares.withLock { !$0.isEmpty } })
        pool.stopAll()
        let found = try #require(shares.withLock { $0.first })
        #expect(found.nonce == UInt32(best))
        #expect(found.jobID == "planted")
        #expect(ShareTarget.top(of: found.digest) == tops[best])
        #expect(pool.readCounters().hardwareErrors == 0)
    }

    @Test("a job whose input cannot roll is searched once, then the thread waits for the next job")
    func nonRollingJobIsSearchedOnce() async throws {
        let pool = WorkerPool(kernels: KernelChoice([.sha256d: .sha256dGeneric]), pin: false) { _ in }
        let header = [UInt8](repeating: 7, count: 80)
        let range = NonceRange(first: 0x1000_0000, count: 1 << 22)
        // No share target can be met (all zero), so only the counters move.
        pool.post(MiningJob(id: "once", algorithm: .sha256d, target: ShareTarget(words: Array(repeating: 0, count: 8)),
                            nonceRange: { _ in range }, rolls: false) { _, _ in header })
        pool.setThreadCount(1)
        #expect(await Self.waitUntil {
            let counters = pool.readCounters()
            return counters.totalHashes > 0 && counters.threads.first?.idle == true
        })
        let searched = pool.readCounters().totalHashes
        try await Task.sleep(for: .milliseconds(300))
        // The range and at most one batch past it (batches are whole), and nothing more.
        #expect(searched >= range.count && searched <= range.count + (1 << 20), "\(searched)")
        #expect(pool.readCounters().totalHashes == searched)
        pool.stopAll()
    }

    @Test("a job switch reaches running threads, and thread count changes while running")
    func jobSwitchAndThreads() async throws {
        let shares = Mutex<[FoundShare]>([])
        let pool = WorkerPool(kernels: KernelChoice([.sha256d: .sha256dGeneric, .scrypt: .scryptGeneric]), pin: false) { share in
            shares.withLock { $0.append(share) }
        }
        let bench = BenchmarkWorkSource()
        // Easy targets: a share every 2^14 SHA-256d hashes, every 16 scrypt hashes.
        pool.post(MiningJob(id: "bench-0", algorithm: .sha256d, target: ShareTarget(expectedHashesPerShare: 16384),
                            makeInput: bench.makeJob(algorithm: .sha256d, hashrate: 1, sequence: 0).makeInput))
        pool.setThreadCount(2)
        #expect(await Self.waitUntil { shares.withLock { Set($0.map(\.worker)) == [0, 1] } })
        #expect(shares.withLock { $0.allSatisfy { $0.jobID == "bench-0" && $0.algorithm == .sha256d } })

        // Switch algorithm and job while the threads run.
        pool.post(MiningJob(id: "bench-1", algorithm: .scrypt, target: ShareTarget(expectedHashesPerShare: 16),
                            makeInput: bench.makeJob(algorithm: .scrypt, hashrate: 1, sequence: 1).makeInput))
        // Both threads switch within one batch each, without restarting.
        #expect(await Self.waitUntil { shares.withLock { Set($0.filter { $0.jobID == "bench-1" }.map(\.worker)) == [0, 1] } })
        shares.withLock { $0.removeAll() }
        #expect(await Self.waitUntil { shares.withLock { $0.count >= 4 } })
        #expect(shares.withLock { $0.allSatisfy { $0.jobID == "bench-1" && $0.algorithm == .scrypt } })

        pool.setThreadCount(3)
        #expect(pool.threadCount == 3)
        #expect(await Self.waitUntil { pool.readCounters().threads.count == 3 && pool.readCounters().threads[2].hashes > 0 })
        pool.setThreadCount(1)
        #expect(pool.threadCount == 1)
        #expect(await Self.waitUntil { pool.allRetiredFinished })

        // Pause: the counter stops moving.
        pool.setPaused(true)
        try await Task.sleep(nanoseconds: 200_000_000)
        let paused = pool.readCounters().totalHashes
        try await Task.sleep(nanoseconds: 200_000_000)
        #expect(pool.readCounters().totalHashes == paused)
        pool.setPaused(false)
        #expect(await Self.waitUntil { pool.readCounters().totalHashes > paused })
        pool.stopAll()
        #expect(await Self.waitUntil { pool.allRetiredFinished })
        #expect(pool.readCounters().hardwareErrors == 0)
    }

    @Test("nothing at or below the target is missed in a searched range")
    func noMisses() throws {
        let kernel = try #require(HashAlgorithm.sha256d.availableKernels.first)
        var rng = SplitMix64(state: 99)
        let header = rng.bytes(80)
        let target = ShareTarget(expectedHashesPerShare: 256)  // ≈32 shares: within the searcher's 64 slots
        let tops = KernelTests.referenceTops(header: header, first: 0, count: 8192, algorithm: .sha256d)
        var input = header
        let expected = (0..<8192).filter { nonce -> Bool in
            guard tops[nonce] <= target.top else { return false }
            input.replaceSubrange(76..<80, with: withUnsafeBytes(of: UInt32(nonce).littleEndian, Array.init))
            return target.isMet(by: SHA256.doubleHash(input))
        }
        let searcher = kernel.makeSearcher()
        searcher.load(input: header)
        let candidates = searcher.search(from: 0, count: 8192, targetTop: target.top)
        let shares = candidates.filter { candidate in
            input.replaceSubrange(76..<80, with: withUnsafeBytes(of: candidate.nonce.littleEndian, Array.init))
            return target.isMet(by: SHA256.doubleHash(input))
        }.map { Int($0.nonce) }
        #expect(expected.count > 10)
        #expect(Set(shares) == Set(expected))
    }
}
